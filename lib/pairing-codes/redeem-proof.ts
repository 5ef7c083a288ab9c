import "server-only";
// Canvas's other two ways to add an observee: the student's own login and password, or an access
// token of theirs. Throttled like pairing codes; linked in the same root accounts.
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { AppError } from "../errors.ts";
import { deliverSoon } from "../mail.ts";
import { linkInAccountsTx } from "../observer-links/core.ts";
import {
  assertMayAddObservee,
  cannotObserveSelf,
  linkAccounts,
  noSharedSchool,
  recordLinkFailure,
  type LinkTarget,
  type RootAccountChoice,
} from "../observer-links/target.ts";
import { verifyPassword, burnPasswordCheck } from "../passwords.ts";
import { guessLimits, throttledAttempt } from "../throttle.ts";
import { authenticateAccessToken } from "../tokens.ts";
import { toUserJson, userJsonSelect, type UserJson } from "../users.ts";

/** Canvas's "add an observee with credentials": the student's login and password. */
export async function redeemWithCredentials(
  actor: Actor,
  input: { observerId: number; uniqueId: string; password: string; rootAccountId?: RootAccountChoice },
): Promise<UserJson> {
  const t: LinkTarget = { ...input, actor, method: "credentials" };
  await assertMayAddObservee(actor, input.observerId);
  return throttledAttempt(guessLimits({ observerId: input.observerId, ip: actor.ip }), async (attempt) => {
    const login = await db.login.findFirst({
      where: {
        rootAccountId: actor.domainRootAccountId,
        uniqueIdNormalized: input.uniqueId.trim().toLowerCase(),
        workflowState: "active",
        user: { workflowState: "active" },
      },
      select: { userId: true, passwordHash: true },
    });
    if (!login) {
      await burnPasswordCheck(input.password);
      attempt.fail();
      await recordLinkFailure(t, "unknown observee login");
      throw new AppError("unprocessable", "Unknown observee.");
    }
    if (!(await verifyPassword(login.passwordHash, input.password))) {
      attempt.fail();
      await recordLinkFailure(t, "wrong observee password");
      throw new AppError("unauthorized", "Invalid credentials provided.");
    }
    return linkProven(t, login.userId);
  });
}

/** Canvas's "add an observee with an access token": a token belonging to the student. */
export async function redeemWithAccessToken(
  actor: Actor,
  input: { observerId: number; accessToken: string; rootAccountId?: RootAccountChoice },
): Promise<UserJson> {
  const t: LinkTarget = { ...input, actor, method: "api" };
  await assertMayAddObservee(actor, input.observerId);
  return throttledAttempt(guessLimits({ observerId: input.observerId, ip: actor.ip }), async (attempt) => {
    const studentId = await authenticateAccessToken(input.accessToken);
    if (!studentId) {
      attempt.fail();
      await recordLinkFailure(t, "invalid observee access token");
      throw new AppError("unprocessable", "Unknown observee.");
    }
    return linkProven(t, studentId);
  });
}

async function linkProven(t: LinkTarget, studentId: number): Promise<UserJson> {
  if (studentId === t.observerId) throw cannotObserveSelf();
  const rootAccountIds = await linkAccounts(t, studentId);
  if (rootAccountIds.length === 0) throw noSharedSchool();
  const link = { studentId, observerId: t.observerId, method: t.method, actorId: t.actor.userId };
  const student = await db.$transaction(async (tx) => {
    await linkInAccountsTx(tx, { ...link, ip: t.actor.ip, rootAccountIds });
    return tx.user.findUniqueOrThrow({ where: { id: studentId }, select: userJsonSelect });
  });
  deliverSoon();
  return toUserJson(student);
}
