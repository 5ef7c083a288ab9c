// "Forgot password?", "Change password" and an admin's "Send password link" (issue 11 item 1):
// one-time links through the one mechanism of lib/mail/one-time-links.ts, sessions ended by version.
import { describe, expect, it } from "vitest";
import { loadActor } from "../../lib/accounts/actor.ts";
import { renewPasswordSetup } from "../../lib/identity/setup-links.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { db } from "../../lib/platform/db.ts";
import { changePassword } from "../../lib/identity/password-change.ts";
import {
  passwordResetsSettled,
  RESET_LIMITS,
  requestPasswordReset as askForReset,
} from "../../lib/identity/password-reset.ts";
import { completePasswordSetup, findPasswordSetup } from "../../lib/identity/password-setup.ts";
import { verifyPassword } from "../../lib/identity/passwords.ts";
import { LINK_LIFETIME_MINUTES, SETUP_LINK_PLACEHOLDER } from "../../lib/mail/one-time-links.ts";
import { findLoginForSignIn } from "../../lib/identity/sign-in.ts";
import { actorFor, makeAdmin, makeUser, TEST_PASSWORD, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { oneTimeLinkIn, textAsSent } from "../helpers/setup-links.ts";
import { expectedOrigin } from "../helpers/origin.ts";

async function school() {
  const domain = `recover-${uid()}.test`;
  const account = await createRootAccount({
    name: `Recover ${uid()}`,
    domain,
    selfRegistration: "observers",
  });
  return { account, domain };
}
const sessionActor = (user: { id: number }, rootAccountId: number) => ({
  ...actorFor(user, rootAccountId),
  via: "session" as const,
});
/** A reset request, and the work it hands off after answering (lib/identity/password-reset.ts). */
async function requestPasswordReset(input: Parameters<typeof askForReset>[0]) {
  await askForReset(input);
  await passwordResetsSettled();
}

const sessionVersion = async (id: number) =>
  (await db.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

describe("forgot password", () => {
  it("answers the same for known and unknown logins; only a known one gets a short-lived link, made as it is sent", async () => {
    const { account, domain } = await school();
    const pat = await makeUser(account.id, { login: `pat-${uid()}@home.test` });
    const ask = (email: string) =>
      requestPasswordReset({
        email,
        host: domain,
        ip: `2001:db8::${uid().slice(0, 4)}`,
      });
    await expect(ask(pat.login.toUpperCase())).resolves.toBeUndefined();
    const nobody = `nobody-${uid()}@home.test`;
    await expect(ask(nobody)).resolves.toBeUndefined();
    expect(await db.outboxEmail.count({ where: { to: nobody } })).toBe(0);

    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: pat.login } });
    expect(mail.text).toContain(SETUP_LINK_PLACEHOLDER);
    expect(mail.text).not.toContain("token=");
    const sent = (await textAsSent(pat.login))!;
    const { url, token } = oneTimeLinkIn(sent, "/set-password");
    // A forged Host/Origin cannot point the link elsewhere: the school's own domain is used.
    expect(url.origin).toBe(expectedOrigin(domain));
    expect(await findPasswordSetup(token)).toEqual({ email: pat.login, purpose: "reset" });
    const row = await db.passwordSetupToken.findFirstOrThrow({
      where: { login: { userId: pat.id }, purpose: "reset" },
    });
    expect(row.digest).not.toBe(token);
    const minutes = (row.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LINK_LIFETIME_MINUTES.reset - 2);
    expect(minutes).toBeLessThanOrEqual(LINK_LIFETIME_MINUTES.reset);

    const before = await sessionVersion(pat.id);
    await completePasswordSetup({ token, password: "a-new-and-long-one", ip: null });
    const login = await findLoginForSignIn(pat.login, account.id);
    expect(await verifyPassword(login!.passwordHash, "a-new-and-long-one")).toBe(true);
    expect(await sessionVersion(pat.id)).toBe(before + 1); // signed out everywhere
    expect(await findPasswordSetup(token)).toBeNull(); // single use
    expect(await db.auditEvent.count({ where: { action: "login.reset_requested", subjectId: pat.id } })).toBe(
      1,
    );
  });

  it("counts every request per login, found or not, so it can neither probe nor flood", async () => {
    const { account, domain } = await school();
    const pat = await makeUser(account.id);
    for (const email of [pat.login, `ghost-${uid()}@home.test`]) {
      // Counted per login at one address: another address has its own (throttle-innocent.test.ts).
      const ip = `2001:db8::${uid().slice(0, 4)}`;
      const ask = () => requestPasswordReset({ email, host: domain, ip });
      for (let i = 0; i < RESET_LIMITS.login.max; i++) await expect(ask()).resolves.toBeUndefined();
      expect((await errorOf(ask())).code).toBe("rate_limited");
    }
    expect(await db.outboxEmail.count({ where: { to: pat.login } })).toBe(RESET_LIMITS.login.max);
    // Only the newest link is live: each request replaced the one before.
    expect(
      await db.passwordSetupToken.count({
        where: { login: { userId: pat.id }, purpose: "reset", usedAt: null },
      }),
    ).toBe(1);
  });
});

describe("change password", () => {
  it("needs the current password, follows the rule, and ends every other session", async () => {
    const { account } = await school();
    const pat = await makeUser(account.id);
    const actor = sessionActor(pat, account.id);
    const wrong = await errorOf(
      changePassword(actor, { current_password: "not-it-at-all", password: "x".repeat(12) }),
    );
    expect(wrong.fieldErrors?.current_password).toEqual(["That is not your current password."]);
    const weak = await errorOf(changePassword(actor, { current_password: TEST_PASSWORD, password: "short" }));
    expect(weak.fieldErrors?.password).toEqual(["Use at least 10 characters."]);
    const same = await errorOf(
      changePassword(actor, { current_password: TEST_PASSWORD, password: pat.login }),
    );
    expect(same.fieldErrors?.password).toEqual(["Do not use your email as the password."]);

    const ctx = { domainRootAccountId: account.id, ip: null, via: "session" as const };
    const old = await sessionVersion(pat.id);
    expect(await loadActor(pat.id, ctx, old)).not.toBeNull();
    await expect(
      changePassword(actor, { current_password: TEST_PASSWORD, password: "a-fresh-passphrase" }),
    ).resolves.toEqual({ login: pat.login });
    // A session signed in before the change is no longer accepted; one signed in after it is.
    expect(await loadActor(pat.id, ctx, old)).toBeNull();
    expect(await loadActor(pat.id, ctx, old + 1)).not.toBeNull();
    const login = await findLoginForSignIn(pat.login, account.id);
    expect(await verifyPassword(login!.passwordHash, "a-fresh-passphrase")).toBe(true);
    expect(
      await db.auditEvent.count({ where: { action: "login.password_changed", subjectId: pat.id } }),
    ).toBe(1);
  });

  it("is refused to an API token and while masquerading, and wrong current passwords are throttled", async () => {
    const { account } = await school();
    const pat = await makeUser(account.id);
    const input = { current_password: TEST_PASSWORD, password: "a-fresh-passphrase" };
    expect((await errorOf(changePassword(actorFor(pat, account.id), input))).code).toBe("forbidden");
    const masq = { ...sessionActor(pat, account.id), masqueradedBy: 1 };
    expect((await errorOf(changePassword(masq, input))).code).toBe("forbidden");
    const actor = sessionActor(pat, account.id);
    // Limits count in fixed 15-minute windows: 21 tries put at least 11 into one window even when a
    // window ends mid-test (12 tries split 6 + 6 across a boundary, and the test failed then).
    const codes: string[] = [];
    for (let i = 0; i < 21 && !codes.includes("rate_limited"); i++)
      codes.push((await errorOf(changePassword(actor, { ...input, current_password: `wrong-${i}` }))).code);
    expect(codes).toContain("rate_limited");
  });
});

describe("an admin's Send password link", () => {
  it("sends a login with a password a reset link (never one for a setup), audited", async () => {
    const { account } = await school();
    const admin = await makeAdmin(account.id);
    const pat = await makeUser(account.id);
    const login = await db.login.findFirstOrThrow({ where: { userId: pat.id }, select: { id: true } });
    const made = await renewPasswordSetup(actorFor(admin, account.id), {
      loginId: login.id,
    });
    expect(made.purpose).toBe("reset");
    if (!("link" in made)) throw new Error("expected the link shown (no SMTP in this test)");
    const { token } = oneTimeLinkIn(made.link, "/set-password");
    expect(await findPasswordSetup(token)).toEqual({ email: pat.login, purpose: "reset" });
    expect((made.expiresAt.getTime() - Date.now()) / 60_000).toBeLessThanOrEqual(LINK_LIFETIME_MINUTES.reset);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "login.setup_link_shown", subjectId: pat.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, data: { loginId: login.id, purpose: "reset" } });
    // Another school's admin reaches nothing.
    const other = await school();
    const stranger = await makeAdmin(other.account.id);
    expect(
      (await errorOf(renewPasswordSetup(actorFor(stranger, other.account.id), { loginId: login.id }))).code,
    ).toBe("not_found");
  });
});
