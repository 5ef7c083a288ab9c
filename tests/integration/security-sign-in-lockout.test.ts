// Sign-in throttling must not be a lockout: a stranger's failures for an admin's login (from
// their own addresses) must not stop the admin signing in from theirs, while one address trying
// many logins is stopped by the per-address limit.
import { describe, expect, it } from "vitest";
import { createRootAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { signInWithPassword } from "../../lib/identity/sign-in.ts";
import { SIGN_IN_LIMITS } from "../../lib/identity/throttle/index.ts";
import { makeUser, TEST_PASSWORD, uid } from "../helpers/factory.ts";

async function school() {
  const domain = `signin-${uid()}.test`;
  const account = await createRootAccount({ name: `School ${uid()}`, domain });
  const admin = await makeUser(account.id, { name: "Admin" });
  await makeAccountAdmin({ accountId: account.id, userId: admin.id });
  return { account, admin, host: domain };
}

/** null: wrong login or password; "throttled": refused before the password was looked at. */
async function tryIt(input: { login: string; password: string; host: string; ip: string }) {
  try {
    const user = await signInWithPassword(input);
    return user ? user.userId : null;
  } catch (err) {
    if ((err as { code?: string }).code === "rate_limited") return "throttled";
    throw err;
  }
}

const ip = (n: number) => `203.0.113.${n}-${uid()}`;

describe("sign-in throttling: per address, never a lockout of the owner", () => {
  it("100 failed sign-ins for the admin's login from other addresses do not lock the admin out", async () => {
    const s = await school();
    const ownIp = ip(1);
    const attack = (attackerIp: string) =>
      tryIt({ login: s.admin.login, password: `guess-${uid()}`, host: s.host, ip: attackerIp });

    // One address hammering the login is cut off at that (login, address)'s budget.
    const oneAddress = ip(2);
    const fromOne: (number | null | "throttled")[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.loginAtIp.max + 2; i++) fromOne.push(await attack(oneAddress));
    expect(fromOne.slice(0, SIGN_IN_LIMITS.loginAtIp.max).every((r) => r === null)).toBe(true);
    expect(fromOne.slice(SIGN_IN_LIMITS.loginAtIp.max)).toEqual(["throttled", "throttled"]);
    // … even with the right password.
    expect(await tryIt({ login: s.admin.login, password: TEST_PASSWORD, host: s.host, ip: oneAddress })).toBe(
      "throttled",
    );

    // 100 more failures from other addresses (in parallel batches: each waits out its backoff).
    const results: (number | null | "throttled")[] = [];
    for (let batch = 0; batch < 10; batch++)
      results.push(...(await Promise.all(Array.from({ length: 10 }, () => attack(ip(3 + batch))))));
    expect(results.filter((r) => r === null)).toHaveLength(100);

    // The admin, from their own address, still signs in — with the right password only.
    expect(await tryIt({ login: s.admin.login, password: "not-it-at-all", host: s.host, ip: ownIp })).toBe(
      null,
    );
    expect(await tryIt({ login: s.admin.login, password: TEST_PASSWORD, host: s.host, ip: ownIp })).toBe(
      s.admin.id,
    );
  }, 180_000);

  it("one address trying many logins hits the per-address limit, for every login", async () => {
    const s = await school();
    const attacker = ip(7);
    const outcomes: (number | null | "throttled")[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.ip.max; i++)
      outcomes.push(
        await tryIt({ login: `nobody-${uid()}@x.test`, password: "guess-1", host: s.host, ip: attacker }),
      );
    expect(outcomes.every((r) => r === null)).toBe(true);
    // Past the limit the address is refused, whatever login and password it tries.
    expect(
      await tryIt({ login: `nobody-${uid()}@x.test`, password: "guess-2", host: s.host, ip: attacker }),
    ).toBe("throttled");
    expect(await tryIt({ login: s.admin.login, password: TEST_PASSWORD, host: s.host, ip: attacker })).toBe(
      "throttled",
    );
    // Other addresses are not affected.
    expect(await tryIt({ login: s.admin.login, password: TEST_PASSWORD, host: s.host, ip: ip(8) })).toBe(
      s.admin.id,
    );
  }, 180_000);
});
