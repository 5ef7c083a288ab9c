// Issue 18 §2: nobody innocent is locked out — many families behind one address, a parent whose
// email a stranger typed, an owner whose reset a stranger asked for, and a try that was the last.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import {
  passwordResetsSettled,
  requestPasswordReset,
  RESET_LIMITS,
} from "../../lib/identity/password-reset.ts";
import { GUESS_LIMITS } from "../../lib/identity/throttle/index.ts";
import { AppError } from "../../lib/platform/errors.ts";
import { actorFor, makeRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { registrationForm, registrationSchool, solve } from "../helpers/throttle.ts";

/** Runs `attempt`, solving a challenge and trying again whenever one is asked for. */
async function withChallenges<T>(attempt: (challenge?: string) => Promise<T>): Promise<T> {
  let challenge: string | undefined;
  for (;;) {
    try {
      return await attempt(challenge);
    } catch (err) {
      if (!(err instanceof AppError) || !err.challenge) throw err;
      challenge = await solve(err.challenge);
    }
  }
}

describe("nobody innocent is locked out", () => {
  it("120 families behind one address all link; one in three mistypes first; past the address's limit they solve a challenge", async () => {
    const account = await makeRootAccount();
    const nat = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    let linked = 0;
    let challenged = 0;
    for (let i = 0; i < 120; i++) {
      const student = await makeStudent(account.id);
      const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
      const parent = await makeUser(account.id);
      const actor = actorFor(parent, account.id, nat);
      if (i % 3 === 0) {
        const typo = await withChallenges((challenge) =>
          redeemPairingCode(actor, { observerId: parent.id, code: "ZZZZ-ZZZZ", challenge }),
        ).catch((e: AppError) => e);
        expect((typo as AppError).code).toBe("unprocessable");
      }
      await withChallenges(async (challenge) => {
        try {
          return await redeemPairingCode(actor, { observerId: parent.id, code, challenge });
        } catch (err) {
          if (err instanceof AppError && err.challenge) challenged++;
          throw err;
        }
      });
      linked++;
    }
    expect(linked).toBe(120);
    expect(challenged).toBeGreaterThan(0); // 40 mistypes: past the address's 30, checks were asked
  }, 300_000);

  it("wrong codes registering a parent's email elsewhere do not keep the parent out", async () => {
    const { domain, code } = await registrationSchool();
    const email = `victim-${uid()}@home.example`;
    for (let i = 0; i < GUESS_LIMITS.observer.max + 2; i++)
      await errorOf(
        registerObserver({ ...registrationForm("ZZZZ-ZZZZ", email), host: domain, ip: "203.0.113.66" }),
      );
    await expect(
      registerObserver({ ...registrationForm(code, email), host: domain, ip: "192.0.2.10" }),
    ).resolves.toMatchObject({ userId: expect.any(Number) });
  });

  it("a stranger's reset requests do not use up the owner's own", async () => {
    const { account, domain } = await registrationSchool();
    const owner = await makeUser(account.id);
    for (let i = 0; i < RESET_LIMITS.login.max + 1; i++)
      await requestPasswordReset({ email: owner.login, host: domain, ip: "203.0.113.77" }).catch(() => {});
    await expect(
      requestPasswordReset({ email: owner.login, host: domain, ip: "192.0.2.20" }),
    ).resolves.toBeUndefined();
    await passwordResetsSettled();
    expect(await db.outboxEmail.count({ where: { to: owner.login } })).toBe(RESET_LIMITS.login.max + 1);
  });

  it("the failure that spends the last try says no tries are left, and until when", async () => {
    const account = await makeRootAccount();
    const parent = await makeUser(account.id);
    const actor = actorFor(parent, account.id);
    const wrong = () => errorOf(redeemPairingCode(actor, { observerId: parent.id, code: "YYYY-YYYY" }));
    for (let i = 0; i < GUESS_LIMITS.observer.max - 1; i++)
      expect((await wrong()).message).not.toMatch(/No tries are left/);
    const last = await wrong();
    expect(last.code).toBe("unprocessable");
    expect(last.message).toMatch(
      /^Invalid pairing code\. No tries are left until \d\d:\d\d UTC \(in \d+ minutes?\)\.$/,
    );
  });
});
