import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  createPairingCode,
  redeemPairingCode,
  redeemWithCredentials,
} from "../../lib/pairing-codes/index.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import { GUESS_LIMITS, THROTTLED_MESSAGE } from "../../lib/identity/throttle/index.ts";
import { ADDRESS_CHALLENGE_MESSAGE } from "../../lib/identity/throttle/challenge.ts";
import { actorFor, makeRootAccount, makeStudent, makeUser, TEST_PASSWORD, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { registrationForm, registrationSchool } from "../helpers/throttle.ts";

describe("throttling code guesses", () => {
  it("a run of wrong guesses ends in 429; the right code is then refused too; a new code does not reset it", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id);
    const parent = await makeUser(account.id);
    const actor = actorFor(parent, account.id);
    for (let i = 0; i < GUESS_LIMITS.observer.max; i++) {
      expect(
        (await errorOf(redeemPairingCode(actor, { observerId: parent.id, code: "ZZZZ-ZZZ" + (i % 10) })))
          .code,
      ).toBe("unprocessable");
    }
    const blocked = await errorOf(redeemPairingCode(actor, { observerId: parent.id, code: "ZZZZ-ZZZZ" }));
    expect(blocked.code).toBe("rate_limited");
    expect(blocked.message).toBe(THROTTLED_MESSAGE);
    expect(blocked.retryAfter).toBeGreaterThan(0);
    expect(blocked.retryAfter).toBeLessThanOrEqual(GUESS_LIMITS.observer.windowSeconds);

    const fresh = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
    const right = await errorOf(
      redeemPairingCode(actorFor(parent, account.id), { observerId: parent.id, code: fresh.code }),
    );
    expect({ code: right.code, message: right.message }).toEqual({
      code: "rate_limited",
      message: THROTTLED_MESSAGE,
    });
    // The code was not consumed: someone not throttled can still use it.
    const other = await makeUser(account.id);
    await expect(
      redeemPairingCode(actorFor(other, account.id), { observerId: other.id, code: fresh.code }),
    ).resolves.toMatchObject({ id: student.id });
  });

  it("a burst of parallel wrong guesses gets no more tries than the limit", async () => {
    const account = await makeRootAccount();
    const parent = await makeUser(account.id);
    const actor = actorFor(parent, account.id);
    const burst = await Promise.all(
      Array.from({ length: 25 }, () =>
        errorOf(redeemPairingCode(actor, { observerId: parent.id, code: "WWWW-WWWW" })),
      ),
    );
    const codes = burst.map((e) => e.code);
    expect(codes.filter((c) => c === "unprocessable")).toHaveLength(GUESS_LIMITS.observer.max);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(25 - GUESS_LIMITS.observer.max);
  });

  it("only failures count, and when the window passes the right code works again", async () => {
    const account = await makeRootAccount();
    const [s1, s2] = [await makeStudent(account.id), await makeStudent(account.id)];
    const parent = await makeUser(account.id);
    const actor = actorFor(parent, account.id);
    const wrong = () => errorOf(redeemPairingCode(actor, { observerId: parent.id, code: "XXXX-XXXX" }));
    for (let i = 0; i < GUESS_LIMITS.observer.max - 1; i++)
      expect((await wrong()).code).toBe("unprocessable");
    const first = await createPairingCode(actorFor(s1, account.id), { studentId: s1.id });
    await expect(
      redeemPairingCode(actor, { observerId: parent.id, code: first.code }),
    ).resolves.toMatchObject({ id: s1.id });
    // The success took no place: one more wrong guess is still a plain 422, the next one a 429.
    expect((await wrong()).code).toBe("unprocessable");
    expect((await wrong()).code).toBe("rate_limited");

    const second = await createPairingCode(actorFor(s2, account.id), { studentId: s2.id });
    expect((await errorOf(redeemPairingCode(actor, { observerId: parent.id, code: second.code }))).code).toBe(
      "rate_limited",
    );
    // Move this observer's window into the past, as the clock would.
    await db.$executeRaw`UPDATE rate_limit_counters SET window_start = window_start - interval '1 day' WHERE key = ${`guess:observer:${parent.id}`}`;
    await expect(
      redeemPairingCode(actor, { observerId: parent.id, code: second.code }),
    ).resolves.toMatchObject({ id: s2.id });
  });

  it("wrong guesses from one IP across many accounts: past the IP limit, a challenge instead of a refusal", async () => {
    const account = await makeRootAccount();
    const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}-${uid()}`;
    for (let i = 0; i < GUESS_LIMITS.ip.max; i++) {
      const p = await makeUser(account.id);
      await errorOf(redeemPairingCode(actorFor(p, account.id, ip), { observerId: p.id, code: "QQQQ-QQQQ" }));
    }
    const p = await makeUser(account.id);
    const err = await errorOf(
      redeemPairingCode(actorFor(p, account.id, ip), { observerId: p.id, code: "QQQQ-QQQQ" }),
    );
    // Many families share one address (a school's Wi-Fi): it is never locked out (issue 18).
    expect({ code: err.code, message: err.message }).toEqual({
      code: "rate_limited",
      message: ADDRESS_CHALLENGE_MESSAGE,
    });
    expect(err.challenge).toBeDefined();
    expect(err.retryAfter).toBeUndefined();
  });

  it("observee credentials: unknown login and wrong password get one 422, right password links", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id);
    const parent = await makeUser(account.id);
    const actor = actorFor(parent, account.id);
    expect(
      await errorOf(
        redeemWithCredentials(actor, { observerId: parent.id, uniqueId: "nobody@x.test", password: "x" }),
      ),
    ).toMatchObject({ code: "unprocessable", message: "Invalid credentials provided." });
    expect(
      await errorOf(
        redeemWithCredentials(actor, { observerId: parent.id, uniqueId: student.login, password: "wrong" }),
      ),
    ).toMatchObject({ code: "unprocessable", message: "Invalid credentials provided." });
    await expect(
      redeemWithCredentials(actor, {
        observerId: parent.id,
        uniqueId: student.login.toUpperCase(),
        password: TEST_PASSWORD,
      }),
    ).resolves.toMatchObject({ id: student.id });
  });
});

describe("self-registration with a pairing code", () => {
  const school = registrationSchool;
  const form = registrationForm;

  it("creates the parent, the login and the link in one go, and sends a welcome email", async () => {
    const s = await school();
    const input = form(s.code.toLowerCase());
    const out = await registerObserver({ ...input, host: s.domain, ip: null });
    expect(out.student).toMatchObject({ id: s.student.id });
    expect(
      await db.observationLink.count({
        where: {
          observerId: out.userId,
          studentId: s.student.id,
          workflowState: "active",
          method: "self_registration",
        },
      }),
    ).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: input.unique_id } })).toBe(1);
  });

  it("an invalid code creates nothing; a used email answers the same; a closed school refuses (403)", async () => {
    const s = await school();
    const bad = form("AAAA-AAAA");
    const err = await errorOf(registerObserver({ ...bad, host: s.domain, ip: null }));
    expect(err.code).toBe("bad_request");
    expect(err.fieldErrors?.pairing_code).toEqual(["Invalid pairing code."]);
    expect(await db.login.count({ where: { uniqueIdNormalized: bad.unique_id } })).toBe(0);

    // An email with an account answers as a wrong code does (its owner is emailed instead:
    // tests/integration/security-edges.test.ts).
    const taken = await errorOf(
      registerObserver({ ...form(s.code, s.student.login), host: s.domain, ip: null }),
    );
    expect(taken.fieldErrors).toEqual({ pairing_code: ["Invalid pairing code."] });
    const probe = await errorOf(
      registerObserver({ ...form("AAAA-AAAA", s.student.login), host: s.domain, ip: null }),
    );
    expect(Object.keys(probe.fieldErrors ?? {})).toEqual(["pairing_code"]);

    const weak = await errorOf(
      registerObserver({ ...form(s.code), password: "short", host: s.domain, ip: null }),
    );
    expect(weak.fieldErrors).toEqual({ password: ["Use at least 10 characters."] });
    const email = `same-${uid()}@test.example`;
    const sameAsEmail = await errorOf(
      registerObserver({ ...form(s.code, email), password: email, host: s.domain, ip: null }),
    );
    expect(sameAsEmail.fieldErrors).toEqual({ password: ["Do not use your email as the password."] });

    const closed = await school("none").catch(() => null);
    expect(closed).toBeNull(); // a closed school cannot even make codes
    const domain = `closed-${uid()}.test`;
    await createRootAccount({ name: "Closed", domain, selfRegistration: "none" });
    expect((await errorOf(registerObserver({ ...form("AAAA-AAAA"), host: domain, ip: null }))).code).toBe(
      "forbidden",
    );
  });
});
