import "server-only";
// "Change password" in Settings: the current password is required (a session left open on a
// shared computer must not be enough to take the account over), the new one follows the one
// password rule, and every other session ends — sessions are JWTs, so the user's session version
// goes up and older sessions stop matching (lib/accounts/actor.ts); the page signs this browser in again.
import { z } from "zod";
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { zodFieldErrors } from "../platform/action-state.ts";
import { recordAudit } from "../audit/events.ts";
import { AppError, fieldError } from "../platform/errors.ts";
import { hashPassword, newPasswordProblem, verifyPassword } from "./passwords.ts";
import { signInLimits, throttledAttempt } from "./throttle/index.ts";

export const changePasswordSchema = z.object({
  current_password: z.string().min(1, "Enter your current password.").max(1024),
  password: z.string().max(1024, "Use at most 1024 characters."),
});

/** Changes the signed-in user's password at this school; returns the login to sign in again with. */
export async function changePassword(
  actor: Actor,
  input: z.input<typeof changePasswordSchema>,
): Promise<{ login: string }> {
  if (actor.masqueradedBy !== undefined || actor.via !== "session")
    throw new AppError("forbidden", "Only the person themself can change their password, signed in.");
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = zodFieldErrors(parsed.error.issues);
    throw new AppError("bad_request", Object.values(fieldErrors)[0][0], { fieldErrors });
  }
  const login = await db.login.findFirst({
    where: { userId: actor.userId, rootAccountId: actor.domainRootAccountId, workflowState: "active" },
    select: { id: true, uniqueId: true, passwordHash: true },
  });
  if (!login?.passwordHash)
    throw new AppError("unprocessable", "You have no password at this school to change.");
  // A wrong current password is a password guess: it spends the same budgets as signing in.
  await throttledAttempt(signInLimits({ login: login.uniqueId, ip: actor.ip }), async (attempt) => {
    if (!(await verifyPassword(login.passwordHash, parsed.data.current_password))) {
      attempt.fail();
      throw fieldError("current_password", "That is not your current password.");
    }
  });
  const problem = newPasswordProblem(parsed.data.password, login.uniqueId);
  if (problem) throw fieldError("password", problem);
  const passwordHash = await hashPassword(parsed.data.password);
  await db.$transaction(async (tx) => {
    await tx.login.update({ where: { id: login.id }, data: { passwordHash } });
    await tx.user.update({ where: { id: actor.userId }, data: { sessionVersion: { increment: 1 } } });
    // Links that would choose a password are no longer wanted: the person has just chosen one.
    await tx.passwordSetupToken.deleteMany({
      where: { loginId: login.id, usedAt: null, purpose: { in: ["setup", "reset"] } },
    });
    await recordAudit(tx, {
      action: "login.password_changed",
      actorId: actor.userId,
      subjectId: actor.userId,
      rootAccountId: actor.domainRootAccountId,
      ip: actor.ip,
    });
  });
  return { login: login.uniqueId };
}

/** The login whose password "Change password" changes here, or null (no password at this school). */
export async function getPasswordLogin(actor: Actor): Promise<{ login: string } | null> {
  const login = await db.login.findFirst({
    where: {
      userId: actor.userId,
      rootAccountId: actor.domainRootAccountId,
      workflowState: "active",
      passwordHash: { not: null },
    },
    select: { uniqueId: true },
  });
  return login && { login: login.uniqueId };
}

/** Did this user change their password in the last few minutes (for the page's "changed" notice)? */
export async function passwordChangedRecently(actor: Actor): Promise<boolean> {
  const event = await db.auditEvent.findFirst({
    where: {
      action: "login.password_changed",
      subjectId: actor.userId,
      createdAt: { gt: new Date(Date.now() - 10 * 60_000) },
    },
    select: { id: true },
  });
  return !!event;
}
