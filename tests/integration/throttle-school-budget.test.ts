import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { GUESS_LIMITS, THROTTLED_MESSAGE } from "../../lib/identity/throttle/index.ts";
import { CHALLENGE_ALGORITHM, CHALLENGE_MESSAGE } from "../../lib/identity/throttle/challenge.ts";
import { challengePayload } from "../../lib/identity/throttle/challenge-solve.ts";
import { actorFor, makeRootAccount, makeStudent, makeUser } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { solve, spendSchoolBudget } from "../helpers/throttle.ts";

async function schoolWithCode() {
  const account = await makeRootAccount();
  const student = await makeStudent(account.id);
  const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
  return { account, student, code };
}

describe("per-school guessing budgets", () => {
  it("a school whose budget is spent asks new guessers for a challenge; a parent with the right code still links", async () => {
    const s = await schoolWithCode();
    await spendSchoolBudget(s.account.id);
    const parent = await makeUser(s.account.id);
    const actor = actorFor(parent, s.account.id);
    const asked = await errorOf(redeemPairingCode(actor, { observerId: parent.id, code: s.code }));
    expect(asked).toMatchObject({ code: "rate_limited", message: CHALLENGE_MESSAGE, retryAfter: undefined });
    expect(asked.challenge).toMatchObject({ parameters: { algorithm: CHALLENGE_ALGORITHM } });
    // An unsolved or made-up answer is asked again, and does not use the challenge up.
    const made = challengePayload(asked.challenge!, { counter: 0, derivedKey: "00".repeat(32) });
    for (const challenge of [made, "not-a-payload", `${asked.challenge!.signature}:0`])
      expect(
        (await errorOf(redeemPairingCode(actor, { observerId: parent.id, code: s.code, challenge })))
          .challenge,
      ).toBeDefined();

    const solution = await solve(asked.challenge);
    await expect(
      redeemPairingCode(actor, { observerId: parent.id, code: s.code, challenge: solution }),
    ).resolves.toMatchObject({ id: s.student.id });
    expect(
      await db.observationLink.count({ where: { observerId: parent.id, workflowState: "active" } }),
    ).toBe(1);
    // A solution is spent once.
    const again = await makeUser(s.account.id);
    const reused = await errorOf(
      redeemPairingCode(actorFor(again, s.account.id), {
        observerId: again.id,
        code: "AAAA-AAAA",
        challenge: solution,
      }),
    );
    expect(reused.challenge).toBeDefined();
  });

  it("another school's spent budget changes nothing here (no global limit)", async () => {
    const attacked = await makeRootAccount();
    await spendSchoolBudget(attacked.id, 100_000);
    const s = await schoolWithCode();
    const parent = await makeUser(s.account.id);
    const wrong = await errorOf(
      redeemPairingCode(actorFor(parent, s.account.id), { observerId: parent.id, code: "ZZZZ-ZZZZ" }),
    );
    expect(wrong.code).toBe("unprocessable");
    await expect(
      redeemPairingCode(actorFor(parent, s.account.id), { observerId: parent.id, code: s.code }),
    ).resolves.toMatchObject({ id: s.student.id });
  });

  it("while the budget is spent a guesser gets only a few solved tries before being refused", async () => {
    const s = await schoolWithCode();
    await spendSchoolBudget(s.account.id);
    const attacker = await makeUser(s.account.id);
    const actor = actorFor(attacker, s.account.id);
    const guess = async () => {
      const first = await errorOf(redeemPairingCode(actor, { observerId: attacker.id, code: "YYYY-YYYY" }));
      if (!first.challenge) return first;
      return errorOf(
        redeemPairingCode(actor, {
          observerId: attacker.id,
          code: "YYYY-YYYY",
          challenge: await solve(first.challenge),
        }),
      );
    };
    for (let i = 0; i < GUESS_LIMITS.observer.underAttackMax; i++)
      expect((await guess()).code).toBe("unprocessable");
    const refused = await guess();
    expect({ code: refused.code, message: refused.message }).toEqual({
      code: "rate_limited",
      message: THROTTLED_MESSAGE,
    });
    expect(refused.retryAfter).toBeGreaterThan(0);
  });

  it("audits a lockout and the start of a school's challenge once each, and names the student of a known code", async () => {
    const s = await schoolWithCode();
    const parent = await makeUser(s.account.id);
    const actor = actorFor(parent, s.account.id);
    // The student's own code: a known code, refused.
    await errorOf(
      redeemPairingCode(actorFor(s.student, s.account.id), { observerId: s.student.id, code: s.code }),
    );
    const failed = await db.auditEvent.findFirst({
      where: { action: "code.failed", actorId: s.student.id },
      select: { subjectId: true, rootAccountId: true },
    });
    expect(failed).toEqual({ subjectId: s.student.id, rootAccountId: s.account.id });

    for (let i = 0; i < GUESS_LIMITS.observer.max + 3; i++)
      await errorOf(redeemPairingCode(actor, { observerId: parent.id, code: "XXXX-XXXX" }));
    const locked = await db.auditEvent.findMany({
      where: { action: "throttle.locked_out", targetId: parent.id },
      select: { rootAccountId: true, data: true },
    });
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ rootAccountId: s.account.id, data: { counter: "guess:observer" } });

    await spendSchoolBudget(s.account.id, GUESS_LIMITS.school.max - 1);
    const other = await makeUser(s.account.id);
    const otherActor = actorFor(other, s.account.id);
    for (let i = 0; i < 3; i++)
      await errorOf(redeemPairingCode(otherActor, { observerId: other.id, code: "WWWW-WWWW" }));
    expect(
      await db.auditEvent.count({
        where: { action: "throttle.challenge_started", rootAccountId: s.account.id },
      }),
    ).toBe(1);
  });
});
