import "server-only";
// Canvas's other two ways to add an observee: the student's own login and password, or an access
// token of theirs. Throttled like pairing codes; linked in the same root accounts.
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../platform/errors.ts";
import { deliverSoon } from "../mail/outbox.ts";
import { linkInAccountsTx } from "../observer-links/core.ts";
import {
  assertMayAddObservee,
  cannotObserveSelf,
  linkAccounts,
  noSharedSchool,
  recordLinkFailure,
  type Adding,
  type RootAccountChoice,
} from "../observer-links/target.ts";
import { verifyPassword, burnPasswordCheck } from "../identity/passwords.ts";
import { passwordSignInAllowed, refusePasswordSignIn } from "../identity/sso/password-policy.ts";
import { hasActiveStudentEnrollment } from "../accounts/permissions.ts";
import { guessLimits, signInLimits, throttledAttempt } from "../identity/throttle/index.ts";
import { authenticateAccessToken } from "../identity/tokens.ts";
import { toUserJson, userJsonSelect, type UserJson } from "../users/index.ts";

/**
 * The one answer to every failed credentials attempt: unknown login, wrong password, or a login
 * that is not a student in a school shared with the observer (an admin's, a teacher's, the
 * observer's own). Canvas answers an unknown login with 422 "Unknown observee." and a wrong
 * password with 401 "Invalid credentials provided.", which tells a caller which logins exist and,
 * with a right password, which passwords are right. We keep Canvas's wording for a bad login and
 * password, and 422 — the status of every other failure to add an observee (codes, tokens) — not
 * 401, which Canvas clients take to mean their own token was refused.
 */
export const invalidCredentialsError = () => new AppError("unprocessable", "Invalid credentials provided.");

/** Where a proven login may be linked: the chosen shared schools in which that user is a current student. */
async function studentAccounts(t: Adding, studentId: number): Promise<number[]> {
  if (studentId === t.observerId) return [];
  const accounts = await linkAccounts(t, studentId);
  const isStudent = await Promise.all(accounts.map((id) => hasActiveStudentEnrollment(studentId, id)));
  return accounts.filter((_, i) => isStudent[i]);
}

/**
 * Canvas's "add an observee with credentials": the student's login and password. Each attempt also
 * counts against the login's sign-in throttle (same keys and limits as signing in), so guessing a
 * password here and at the sign-in page spends one budget.
 */
export async function redeemWithCredentials(
  actor: Actor,
  input: { observerId: number; uniqueId: string; password: string; rootAccountId?: RootAccountChoice },
): Promise<UserJson> {
  const { observerId, rootAccountId } = input;
  const t = await assertMayAddObservee({ actor, observerId, rootAccountId, method: "credentials" });
  const uniqueId = input.uniqueId.trim();
  const limits = [
    ...guessLimits({ observerId: input.observerId, ip: actor.ip }),
    ...signInLimits({ login: uniqueId, ip: actor.ip }),
  ];
  return throttledAttempt(limits, async (attempt) => {
    const login = await db.login.findFirst({
      where: {
        rootAccountId: actor.domainRootAccountId,
        uniqueIdNormalized: uniqueId.toLowerCase(),
        workflowState: "active",
        user: { workflowState: "active" },
      },
      select: { userId: true, passwordHash: true },
    });
    // Eligibility before the password, and a hash checked either way, so the time taken does not
    // say whether the password was right.
    const accounts = login ? await studentAccounts(t, login.userId) : [];
    let proven = false;
    if (login?.passwordHash) proven = await verifyPassword(login.passwordHash, input.password);
    else await burnPasswordCheck(input.password);
    if (!login || !proven || accounts.length === 0) {
      attempt.fail();
      // One reason too: admins read the audit log, and it must not be the oracle instead.
      await recordLinkFailure(t, "unknown login, wrong password or not a student");
      throw invalidCredentialsError();
    }
    // The student's right password, at a school that switched passwords off for students.
    if (!(await passwordSignInAllowed(login.userId, actor.domainRootAccountId)))
      await refusePasswordSignIn({
        userId: login.userId,
        rootAccountId: actor.domainRootAccountId,
        ip: actor.ip,
        via: "credentials",
      });
    return linkIn(t, login.userId, accounts);
  });
}

/** Canvas's "add an observee with an access token": a token belonging to the student. */
export async function redeemWithAccessToken(
  actor: Actor,
  input: { observerId: number; accessToken: string; rootAccountId?: RootAccountChoice },
): Promise<UserJson> {
  const { observerId, rootAccountId } = input;
  const t = await assertMayAddObservee({ actor, observerId, rootAccountId, method: "api" });
  return throttledAttempt(guessLimits({ observerId: input.observerId, ip: actor.ip }), async (attempt) => {
    const studentId = await authenticateAccessToken(input.accessToken);
    if (!studentId) {
      attempt.fail();
      await recordLinkFailure(t, "invalid observee access token");
      throw new AppError("unprocessable", "Unknown observee.");
    }
    if (studentId === t.observerId) throw cannotObserveSelf();
    const rootAccountIds = await linkAccounts(t, studentId);
    if (rootAccountIds.length === 0) throw noSharedSchool();
    return linkIn(t, studentId, rootAccountIds);
  });
}

async function linkIn(t: Adding, studentId: number, rootAccountIds: number[]): Promise<UserJson> {
  const link = { studentId, observerId: t.observerId, method: t.method, actorId: t.actor.userId };
  const student = await db.$transaction(async (tx) => {
    await linkInAccountsTx(tx, { ...link, ip: t.actor.ip, rootAccountIds });
    return tx.user.findUniqueOrThrow({ where: { id: studentId }, select: userJsonSelect });
  });
  deliverSoon();
  return toUserJson(student);
}
