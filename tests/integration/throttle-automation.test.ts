// Issue 18 §2: a district's automation (seed 002's flow with an admin's token) is no guesser. An
// admin adding for someone else can link only in schools they administer at the root, where they
// may link the pair by ids anyway: their failures are audited but never throttle them, and an
// address that others spent (or a school whose budget is spent) does not stop them.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { GUESS_LIMITS } from "../../lib/identity/throttle/index.ts";
import { actorFor, makeAdmin, makeRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { spendSchoolBudget } from "../helpers/throttle.ts";

describe("district automation", () => {
  it("pairs 20 of 20 families from an address past its limit, in a school past its budget, after 30 of its own failures", async () => {
    const account = await makeRootAccount();
    const admin = await makeAdmin(account.id);
    const office = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    // Others at the district office mistyped codes (the address is past its 30).
    for (let i = 0; i < GUESS_LIMITS.ip.max + 1; i++) {
      const stranger = await makeUser(account.id);
      await errorOf(
        redeemPairingCode(actorFor(stranger, account.id, office), {
          observerId: stranger.id,
          code: "ZZZZ-ZZZZ",
        }),
      );
    }
    await spendSchoolBudget(account.id);
    const automation = actorFor(admin, account.id, office);
    // The automation's own slips: audited, never counted.
    for (let i = 0; i < 30; i++) {
      const parent = await makeUser(account.id);
      const err = await errorOf(redeemPairingCode(automation, { observerId: parent.id, code: "ZZZZ-ZZZZ" }));
      expect(err.code).toBe("unprocessable");
    }
    expect(
      await db.auditEvent.count({ where: { action: "code.failed", actorId: admin.id, ip: office } }),
    ).toBe(30);
    let paired = 0;
    for (let i = 0; i < 20; i++) {
      const student = await makeStudent(account.id);
      const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
      const parent = await makeUser(account.id, { login: `guardian-${uid()}@home.example` });
      await redeemPairingCode(automation, { observerId: parent.id, code });
      paired += await db.observationLink.count({ where: { studentId: student.id, observerId: parent.id } });
    }
    expect(paired).toBe(20);
  }, 120_000);

  it("an admin redeeming for themself is still a guesser (a code is a family's consent, not a staff tool)", async () => {
    const account = await makeRootAccount();
    const admin = await makeAdmin(account.id);
    const actor = actorFor(admin, account.id);
    for (let i = 0; i < GUESS_LIMITS.observer.max; i++)
      await errorOf(redeemPairingCode(actor, { observerId: admin.id, code: "ZZZZ-ZZZZ" }));
    expect((await errorOf(redeemPairingCode(actor, { observerId: admin.id, code: "ZZZZ-ZZZZ" }))).code).toBe(
      "rate_limited",
    );
  });
});
