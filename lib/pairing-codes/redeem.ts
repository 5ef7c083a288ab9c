import "server-only";
import { db, type Tx } from "../db.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { env } from "../env.ts";
import { AppError, MESSAGES, unauthorized } from "../errors.ts";
import type { LinkMethod } from "../generated/prisma/client.ts";
import { deliverSoon } from "../mail.ts";
import { linkInTx } from "../observer-links/core.ts";
import { chooseRootAccounts, type RootAccountChoice } from "../observer-links/manage.ts";
import { verifyPassword, burnPasswordCheck } from "../passwords.ts";
import { adminRootAccountIds, loginRootAccountIds, sharedRootAccountIds } from "../permissions.ts";
import { guessLimits, throttledAttempt } from "../throttle.ts";
import { authenticateAccessToken } from "../tokens.ts";
import { toUserJson, userJsonSelect, type UserJson } from "../users.ts";
import { digestCode, normalizeCode } from "./format.ts";

export const invalidCodeError = () =>
  new AppError("unprocessable", MESSAGES.invalidPairingCode, {
    fieldErrors: { pairing_code: [MESSAGES.invalidPairingCode] },
  });

/** The active, unexpired code matching what was typed, or null. */
export async function findActiveCode(typed: string): Promise<{ id: number; studentId: number } | null> {
  const normalized = normalizeCode(typed);
  if (!normalized) return null;
  return db.pairingCode.findFirst({
    where: {
      digest: digestCode(env().PAIRING_CODE_KEY, normalized),
      workflowState: "active",
      expiresAt: { gt: new Date() },
    },
    select: { id: true, studentId: true },
  });
}

/** Consumes a code in the caller's transaction by one conditional update: of N racers one wins. */
export async function consumeCodeInTx(tx: Tx, codeId: number, observerId: number): Promise<boolean> {
  const consumed = await tx.pairingCode.updateMany({
    where: { id: codeId, workflowState: "active", expiresAt: { gt: new Date() } },
    data: { workflowState: "redeemed", redeemedById: observerId, redeemedAt: new Date() },
  });
  return consumed.count === 1;
}

type Target = { actor: Actor; observerId: number; rootAccountId?: RootAccountChoice; method: LinkMethod };

/** The observer themself, or an admin of a root account the observer belongs to (Canvas's order). */
async function assertMayAddObservee(actor: Actor, observerId: number) {
  if (actor.userId === observerId) return;
  const [adminOf, observerIn] = await Promise.all([
    adminRootAccountIds(actor.userId),
    loginRootAccountIds(observerId),
  ]);
  if (!observerIn.some((id) => adminOf.includes(id))) throw unauthorized();
}

/** Root accounts the link is made in: shared by both, chosen by root_account_id, managed by an acting admin. */
async function linkAccounts(t: Target, studentId: number): Promise<number[]> {
  let accounts = chooseRootAccounts(
    await sharedRootAccountIds(t.observerId, studentId),
    t.rootAccountId,
    t.actor.domainRootAccountId,
  );
  if (t.actor.userId !== t.observerId) {
    const adminOf = new Set(await adminRootAccountIds(t.actor.userId));
    accounts = accounts.filter((id) => adminOf.has(id));
  }
  return accounts;
}

async function linkAll(tx: Tx, t: Target, studentId: number, accounts: number[]) {
  for (const rootAccountId of accounts) {
    await linkInTx(tx, {
      studentId,
      observerId: t.observerId,
      rootAccountId,
      method: t.method,
      actorId: t.actor.userId,
      ip: t.actor.ip,
    });
  }
  return tx.user.findUniqueOrThrow({ where: { id: studentId }, select: userJsonSelect });
}

async function auditFailure(t: Target, reason: string) {
  await db.auditEvent.create({
    data: {
      action: "code.failed",
      actorId: t.actor.userId,
      targetId: t.observerId,
      rootAccountId: t.actor.domainRootAccountId,
      method: t.method,
      ip: t.actor.ip,
      data: { reason },
    },
  });
}

/**
 * Links an observer to the student whose code this is. Every failure (unknown, expired, used,
 * revoked, own code, no shared account) is the same 422 and counts towards throttling; the code
 * is consumed only in the transaction that creates the link (Canvas burns it first).
 */
export async function redeemPairingCode(
  actor: Actor,
  input: { observerId: number; code: string; rootAccountId?: RootAccountChoice; method?: LinkMethod },
): Promise<UserJson> {
  const t: Target = {
    actor,
    observerId: input.observerId,
    rootAccountId: input.rootAccountId,
    method: input.method ?? "code",
  };
  await assertMayAddObservee(actor, input.observerId);
  return throttledAttempt(guessLimits({ observerId: input.observerId, ip: actor.ip }), async (attempt) => {
    const fail = async (reason: string) => {
      attempt.fail();
      await auditFailure(t, reason);
      return invalidCodeError();
    };

    const code = await findActiveCode(input.code);
    if (!code) throw await fail("malformed, unknown, expired, used or revoked");
    // Canvas answers 200 here and burns the code; we refuse and keep the code usable.
    if (code.studentId === input.observerId) throw await fail("own code");
    const accounts = await linkAccounts(t, code.studentId);
    if (accounts.length === 0) throw await fail("no shared root account");

    const student = await db.$transaction(async (tx) => {
      if (!(await consumeCodeInTx(tx, code.id, input.observerId))) return null;
      const s = await linkAll(tx, t, code.studentId, accounts);
      await recordAudit(tx, {
        action: "code.redeemed",
        actorId: actor.userId,
        subjectId: code.studentId,
        targetId: input.observerId,
        rootAccountId: accounts[0],
        method: t.method,
        ip: actor.ip,
        data: { pairingCodeId: code.id, rootAccountIds: accounts },
      });
      return s;
    });
    if (!student) throw await fail("lost a race for the code");
    deliverSoon();
    return toUserJson(student);
  });
}

/** Canvas's "add an observee with credentials": the student's login and password. Throttled like codes. */
export async function redeemWithCredentials(
  actor: Actor,
  input: { observerId: number; uniqueId: string; password: string; rootAccountId?: RootAccountChoice },
): Promise<UserJson> {
  const t: Target = {
    actor,
    observerId: input.observerId,
    rootAccountId: input.rootAccountId,
    method: "credentials",
  };
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
      await auditFailure(t, "unknown observee login");
      throw new AppError("unprocessable", "Unknown observee.");
    }
    if (!(await verifyPassword(login.passwordHash, input.password))) {
      attempt.fail();
      await auditFailure(t, "wrong observee password");
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
  const t: Target = {
    actor,
    observerId: input.observerId,
    rootAccountId: input.rootAccountId,
    method: "api",
  };
  await assertMayAddObservee(actor, input.observerId);
  return throttledAttempt(guessLimits({ observerId: input.observerId, ip: actor.ip }), async (attempt) => {
    const studentId = await authenticateAccessToken(input.accessToken);
    if (!studentId) {
      attempt.fail();
      await auditFailure(t, "invalid observee access token");
      throw new AppError("unprocessable", "Unknown observee.");
    }
    return linkProven(t, studentId);
  });
}

async function linkProven(t: Target, studentId: number): Promise<UserJson> {
  if (studentId === t.observerId) throw new AppError("unprocessable", "A user cannot observe themself.");
  const accounts = await linkAccounts(t, studentId);
  if (accounts.length === 0)
    throw new AppError(
      "unprocessable",
      "The observer and the student do not both belong to that school account.",
    );
  const student = await db.$transaction((tx) => linkAll(tx, t, studentId, accounts));
  deliverSoon();
  return toUserJson(student);
}
