import "server-only";
import { db, type Tx } from "../platform/db.ts";
import { Prisma, type LinkMethod } from "../platform/generated/prisma/client.ts";
import type { Actor } from "../accounts/actor.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";
import { fieldError, MESSAGES } from "../platform/errors.ts";
import { deliverSoon } from "../mail/outbox.ts";
import { linkCtes, type LinkPeople } from "../observer-links/core.ts";
import {
  assertMayAddObservee,
  linkAccountsWith,
  recordLinkFailure,
  type RootAccountChoice,
} from "../observer-links/target.ts";
import { guessLimits, throttledAttempt } from "../identity/throttle/index.ts";
import { toUserJson, type UserJson } from "../users/index.ts";
import { findCodeToRedeem, type ActiveCode } from "./find-code.ts";

/** Every failure to redeem gets this one answer (422 from the API, 400 from registration as in Canvas). */
export const invalidCodeError = (code: "unprocessable" | "bad_request" = "unprocessable") =>
  fieldError("pairing_code", MESSAGES.invalidPairingCode, { code });

/**
 * The one redemption: consume the code by one conditional update (of N racers one wins), link,
 * audit — one statement, so it is atomic on its own (`db`) or in the caller's transaction. It
 * links only in the school the code was made for, of the `allowed` root accounts the caller
 * authorized: a code is a family's consent in one school, and linking it elsewhere would let
 * whoever could make it there observe the student everywhere. False when the code was lost to a
 * racer, or when its school is not allowed.
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
    people: LinkPeople;
  },
): Promise<boolean> {
  const { code, observerId, actorId, method, ip } = input;
  const rootAccountIds = codeAccounts(code, input.allowed);
  if (rootAccountIds.length === 0) return false;
  const now = Prisma.sql`${new Date()}::timestamp(3)`;
  const link = { studentId: code.studentId, observerId, actorId, method, ip, rootAccountIds };
  const data = JSON.stringify({ pairingCodeId: code.id, rootAccountIds });
  const [row] = await tx.$queryRaw<{ redeemed: number }[]>`
    WITH consumed AS (
      UPDATE pairing_codes SET workflow_state = 'redeemed', redeemed_by_id = ${observerId}::int, redeemed_at = ${now}
       WHERE id = ${code.id}::int AND workflow_state = 'active' AND expires_at > ${now}
      RETURNING id),
    ${linkCtes(link, input.people, Prisma.sql`EXISTS (SELECT 1 FROM consumed)`)},
    code_audit AS (
      INSERT INTO audit_events (action, actor_id, subject_id, target_id, root_account_id, method, ip, data, created_at)
      SELECT 'code.redeemed', ${actorId}::int, ${code.studentId}::int, ${observerId}::int, ${rootAccountIds[0]}::int,
             ${method}::"LinkMethod", ${ip}::text, ${data}::jsonb, ${now}
        FROM consumed)
    SELECT count(*)::int AS redeemed FROM consumed`;
  return row?.redeemed === 1;
}

/** Of the candidate root accounts, the one the code was made for (if it is a candidate). */
export const codeAccounts = (code: Pick<ActiveCode, "rootAccountId">, candidates: number[]) =>
  candidates.filter((id) => id === code.rootAccountId);

/**
 * Links an observer to the student whose code this is, in the code's school. Every failure
 * (unknown, expired, used, revoked, own code, the observer made it or is the student's staff, not
 * both in the code's school) is the same 422 and counts towards throttling; the code
 * is consumed only in the statement that creates the link (Canvas burns it first). Each fact is
 * read once (tests/integration/pairing-statements.test.ts counts the statements).
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
  const { observerId } = input;
  const target = { actor, observerId, rootAccountId: input.rootAccountId, method: input.method ?? "code" };
  // The observer's admin scope is the staff check's (the actor's own when they redeem for themself).
  const [t, observerScope] = await Promise.all([assertMayAddObservee(target), getAdminScope(observerId)]);
  // A code links only in its own school, and only an observer with a login there: a guess can
  // reach the codes of the observer's schools, so it spends their budgets. An admin adding for
  // someone else (a district's automation) is no guesser: the link can land only in schools they
  // administer at the root (linkAccountsWith), where they may link the pair by ids — or make the
  // student a code and redeem it — anyway. Their failures are still audited, but spend nothing,
  // so an address others failed from cannot stop them (docs/security.md "District automation").
  const limits = t.adminOf ? [] : guessLimits({ observerId, ip: actor.ip, schools: t.observerSchools });
  const audit = {
    actorId: actor.userId,
    targetId: observerId,
    rootAccountId: actor.domainRootAccountId,
    method: t.method,
    ip: actor.ip,
  };
  return throttledAttempt(
    limits,
    async (attempt) => {
      const code = await findCodeToRedeem(input.code, observerId, observerScope);
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
      if (code.studentId === observerId) throw await fail("own code");
      // Staff reach students through courses (a sub-account admin can enroll anyone of the district
      // in theirs); a code they made, or any code of a student they are staff over, is not a
      // family's consent to observe, so neither may redeem it for themselves.
      if (code.createdById === observerId) throw await fail("made by the observer");
      if (code.staffOverStudent) throw await fail("observer is staff over the student");
      // Without root_account_id (or with `all`), the code's own school rather than the host's.
      const choice =
        t.rootAccountId === undefined || t.rootAccountId === "all" ? code.rootAccountId : t.rootAccountId;
      const allowed = codeAccounts(
        code,
        linkAccountsWith({ ...t, rootAccountId: choice }, code.studentSchools),
      );
      if (allowed.length === 0) throw await fail("no shared root account (the code's school)");
      const redeemed = await redeemCodeInTx(db, {
        code,
        observerId,
        allowed,
        actorId: actor.userId,
        method: t.method,
        ip: actor.ip,
        people: code.people,
      });
      if (!redeemed) throw await fail("lost a race for the code");
      deliverSoon();
      return toUserJson(code.student);
    },
    { challenge: input.challenge, audit },
  );
}
