// Accounts an admin makes without a password get a one-time link to choose one.
import { describe, expect, it } from "vitest";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import { db } from "../../lib/platform/db.ts";
import { completePasswordSetup, findPasswordSetup } from "../../lib/identity/password-setup.ts";
import { verifyPassword } from "../../lib/identity/passwords.ts";
import { findLoginForSignIn } from "../../lib/identity/sign-in.ts";
import { client, world } from "../helpers/api-world.ts";
import { uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { sentSetupToken } from "../helpers/setup-links.ts";

// The outbox never holds the link: it is issued as the email is sent (tests/helpers/setup-links.ts).
const setupLinkFor = sentSetupToken;

describe("password setup links", () => {
  it("an admin-made parent without a password gets an email, chooses a password once, and can sign in", async () => {
    const w = await world();
    const call = client(w);
    const email = `robin-${uid()}@home.test`;
    const made = await call(accountUsers.POST, {
      method: "POST",
      url: "/",
      params: { account_id: String(w.root.id) },
      token: w.admin.token,
      json: { user: { name: "Robin Carer" }, pseudonym: { unique_id: email } },
    });
    expect(made.status).toBe(200);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.subject).toBe(`Your ${w.root.name} account is ready`);
    expect(mail.rootAccountId).toBe(w.root.id);
    const token = await setupLinkFor(email);
    // Only the digest is stored.
    expect(await db.passwordSetupToken.count({ where: { digest: token } })).toBe(0);
    expect(await findPasswordSetup(token)).toEqual({ email, purpose: "setup" });

    const weak = await errorOf(completePasswordSetup({ token, password: email, ip: null }));
    expect(weak.fieldErrors?.password).toEqual(["Do not use your email as the password."]);
    // Two submissions at once: one wins, the other finds the link used.
    const results = await Promise.allSettled([
      completePasswordSetup({ token, password: "a-garden-of-tulips", ip: null }),
      completePasswordSetup({ token, password: "a-garden-of-roses", ip: null }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const login = await findLoginForSignIn(email, w.root.id);
    const chosen = results[0].status === "fulfilled" ? "a-garden-of-tulips" : "a-garden-of-roses";
    expect(await verifyPassword(login!.passwordHash, chosen)).toBe(true);
    expect(await findPasswordSetup(token)).toBeNull();
    expect(
      (await errorOf(completePasswordSetup({ token, password: "another-long-one", ip: null }))).fieldErrors
        ?.token,
    ).toBeDefined();
    expect(
      await db.auditEvent.count({ where: { action: "login.password_set", subjectId: made.json.id } }),
    ).toBe(1);
  });

  it("force_self_registration ignores a given password; an expired link does nothing; no email means a password is required", async () => {
    const w = await world();
    const call = client(w);
    const create = (json: unknown) =>
      call(accountUsers.POST, {
        method: "POST",
        url: "/",
        params: { account_id: String(w.root.id) },
        token: w.admin.token,
        json,
      });
    const email = `sky-${uid()}@home.test`;
    expect(
      (
        await create({
          user: { name: "Sky Carer" },
          pseudonym: { unique_id: email, password: "admin-chose-this", force_self_registration: true },
        })
      ).status,
    ).toBe(200);
    expect(
      await verifyPassword((await findLoginForSignIn(email, w.root.id))!.passwordHash, "admin-chose-this"),
    ).toBe(false);
    const token = await setupLinkFor(email);
    await db.passwordSetupToken.updateMany({
      where: { login: { uniqueIdNormalized: email } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await findPasswordSetup(token)).toBeNull();
    expect(
      (await errorOf(completePasswordSetup({ token, password: "a-garden-of-tulips", ip: null }))).code,
    ).toBe("bad_request");

    // With a password and no force flag, no email is sent.
    const withPassword = `kit-${uid()}@home.test`;
    expect(
      (
        await create({
          user: { name: "Kit" },
          pseudonym: { unique_id: withPassword, password: "admin-chose-this" },
        })
      ).status,
    ).toBe(200);
    expect(await db.outboxEmail.count({ where: { to: withPassword } })).toBe(0);

    const noEmail = await create({ user: { name: "No Mail" }, pseudonym: { unique_id: `nomail-${uid()}` } });
    expect(noEmail.status).toBe(400);
    expect(JSON.stringify(noEmail.json)).toContain("password");
  });
});
