import "server-only";
import { db, type Tx } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/events.ts";
import { env } from "../platform/env.ts";
import { fieldError, MESSAGES } from "../platform/errors.ts";
import type { LinkMethod } from "../platform/generated/prisma/client.ts";
import { deliverSoon } from "../mail/outbox.ts";
import { linkInAccountsTx } from "../observer-links/core.ts";
import {
  assertMayAddObservee,
  linkAccounts,
  recordLinkFailure,
  type LinkTarget,
  type RootAccountChoice,
} from "../observer-links/target.ts";
import { loginRootAccountIds } from "../accounts/permissions.ts";
import { guessLimits, throttledAttempt } from "../identity/throttle/index.ts";
import { toUserJson, userJsonSelect, type UserJson } from "../users/index.ts";
import { digestCode, normalizeCode } from "./format.ts";
import { isStaffOverStudent } from "./staff.ts";

/** Every failure to redeem gets this one answer (422 from the API, 400 from registration as in Canvas). */
export const invalidCodeError = (code: "unprocessable" | "bad_request" = "unprocessable") =>
  fieldError("pairing_code", MESSAGES.invalidPairingCode, { code });

export type ActiveCode = { id: number; studentId: number; rootAccountId: number; createdById: number };

/** The active, unexpired code matching what was typed, or null. */
export async function findActiveCode(typed: string): Promise<ActiveCode | null> {
  const normalized = normalizeCode(typed);
  if (!normalized) return null;
  return db.pairingCode.findFirst({
    where: {
      digest: digestCode(env().PAIRING_CODE_KEY, normalized),
      workflowState: "active",
      expiresAt: { gt: new Date() },
    },
    select: { id: true, studentId: true, rootAccountId: true, createdById: true },
  });
}

/**
 * The one redemption, in the caller's transaction: consume the code by one conditional update (of
 * N racers one wins), link, audit. It links only in the school the code was made for, of the
 * `allowed` root accounts the caller authorized: a code is a family's consent in one school, and
 * linking it elsewhere would let whoever could make it there observe the student everywhere.
 * False when the code was lost to a racer, or when its school is not allowed.
 */
export async function redeemCodeInTx(
  tx: Tx,
  input: {
    code: Pick<ActiveCode, "id" | "studentId" | "rootAccountId">;
    observerId: number;
    allowed: number[];
    actorId: number;
    method: LinkMethod;
    ip: string | null;
  },
): Promise<boolean> {
  const { code, observerId, actorId, method, ip } = input;
  const rootAccountIds = codeAccounts(code, input.allowed);
  if (rootAccountIds.length === 0) return false;
  const consumed = await tx.pairingCode.updateMany({
    where: { id: code.id, workflowState: "active", expiresAt: { gt: new Date() } },
    data: { workflowState: "redeemed", redeemedById: observerId, redeemedAt: new Date() },
  });
  if (consumed.count !== 1) return false;
  const link = { studentId: code.studentId, observerId, actorId, method, ip };
  await linkInAccountsTx(tx, { ...link, rootAccountIds });
  await recordAudit(tx, {
    action: "code.redeemed",
    actorId,
    subjectId: code.studentId,
    targetId: observerId,
    rootAccountId: rootAccountIds[0],
    method,
    ip,
    data: { pairingCodeId: code.id, rootAccountIds },
  });
  return true;
}

/** Of the candidate root accounts, the one the code was made for (if it is a candidate). */
export const codeAccounts = (code: Pick<ActiveCode, "rootAccountId">, candidates: number[]) =>
  candidates.filter((id) => id === code.rootAccountId);

/**
 * Links an observer to the student whose code this is, in the code's school. Every failure
 * (unknown, expired, used, revoked, own code, the observer made it or is the student's staff, not
 * both in the code's school) is the same 422 and counts towards throttling; the code
 * is consumed only in the transaction that creates the link (Canvas burns it first).
 */
export async function redeemPairingCode(
  actor: Actor,
  input: {
    observerId: number;
    code: string;
    rootAccountId?: RootAccountChoice;
    method?: LinkMethod;
    /** A solved challenge, needed while the schools' guessing budget is spent (lib/identity/throttle/index.ts). */
    challenge?: string | null;
  },
): Promise<UserJson> {
  const t: LinkTarget = {
    actor,
    observerId: input.observerId,
    rootAccountId: input.rootAccountId,
    method: input.method ?? "code",
  };
  await assertMayAddObservee(actor, input.observerId);
  // A code links only in its own school, and only an observer with a login there: a guess can
  // reach the codes of the observer's schools, so it spends their budgets.
  const schools = await loginRootAccountIds(input.observerId);
  const limits = guessLimits({ observerId: input.observerId, ip: actor.ip, schools });
  const audit = {
    actorId: actor.userId,
    targetId: input.observerId,
    rootAccountId: actor.domainRootAccountId,
    method: t.method,
    ip: actor.ip,
  };
  return throttledAttempt(
    limits,
    async (attempt) => {
      const code = await findActiveCode(input.code);
      const fail = async (reason: string) => {
        attempt.fail();
        await recordLinkFailure(
          t,
          reason,
          code ? { rootAccountId: code.rootAccountId, studentId: code.studentId } : {},
        );
        return invalidCodeError();
      };
      if (!code) throw await fail("malformed, unknown, expired, used or revoked");
      // Canvas answers 200 here and burns the code; we refuse and keep the code usable.
      if (code.studentId === input.observerId) throw await fail("own code");
      // Staff reach students through courses (a sub-account admin can enroll anyone of the district
      // in theirs); a code they made, or any code of a student they are staff over, is not a
      // family's consent to observe, so neither may redeem it for themselves.
      if (code.createdById === input.observerId) throw await fail("made by the observer");
      if (await isStaffOverStudent(input.observerId, code.studentId, code.rootAccountId))
        throw await fail("observer is staff over the student");
      // Without root_account_id (or with `all`), the code's own school rather than the host's.
      const choice =
        t.rootAccountId === undefined || t.rootAccountId === "all" ? code.rootAccountId : t.rootAccountId;
      const rootAccountIds = codeAccounts(
        code,
        await linkAccounts({ ...t, rootAccountId: choice }, code.studentId),
      );
      if (rootAccountIds.length === 0) throw await fail("no shared root account (the code's school)");

      const student = await db.$transaction(async (tx) => {
        const redeemed = await redeemCodeInTx(tx, {
          code,
          observerId: input.observerId,
          allowed: rootAccountIds,
          actorId: actor.userId,
          method: t.method,
          ip: actor.ip,
        });
        return redeemed
          ? tx.user.findUniqueOrThrow({ where: { id: code.studentId }, select: userJsonSelect })
          : null;
      });
      if (!student) throw await fail("lost a race for the code");
      deliverSoon();
      return toUserJson(student);
    },
    { challenge: input.challenge, audit },
  );
}
