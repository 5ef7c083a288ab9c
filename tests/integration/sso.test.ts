// Single sign-on's model and matching (issue 19) against a real OpenID provider (oidc-provider)
// and PostgreSQL; the browser round trip is tests/e2e/sso.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  addSsoProvider,
  listSsoProviders,
  matchSsoSignIn,
  removeSsoProvider,
  ssoProvidersForAuth,
} from "../../lib/identity/sso/index.ts";
import { makeRootAccount, makeUser, uid } from "../helpers/factory.ts";
import { startIdp, type Idp } from "../helpers/oidc-idp.ts";

let idp: Idp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(() => idp.close());

async function schoolWithProvider(opts: { claim?: string; enabled?: boolean } = {}) {
  const school = await makeRootAccount();
  const secret = `secret-${uid()}-${uid()}`;
  const provider = await addSsoProvider({
    rootAccountId: school.id,
    name: "Students and staff: Sign in with Test IdP",
    issuer: idp.issuer,
    clientId: `client-${uid()}`,
    clientSecret: secret,
    ...opts,
  });
  const [forAuth] = await ssoProvidersForAuth(school.id);
  return { school, provider, secret, forAuth: forAuth! };
}

const lastAudit = (rootAccountId: number, action: string) =>
  db.auditEvent.findFirst({ where: { rootAccountId, action }, orderBy: { id: "desc" } });

describe("sign-in providers per school", () => {
  it("reads the issuer's discovery document, and keeps the client secret only encrypted", async () => {
    const { school, provider, secret, forAuth } = await schoolWithProvider();
    expect(provider).toMatchObject({ issuer: idp.issuer, claim: "email", enabled: true });
    expect(provider).not.toHaveProperty("clientSecretEncrypted");
    expect(forAuth.clientSecret).toBe(secret);
    const dump = await db.$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(p)::text AS row FROM sso_providers p`,
    );
    expect(dump.length).toBeGreaterThan(0);
    expect(dump.some((r) => r.row.includes(secret))).toBe(false);
    expect(await lastAudit(school.id, "sso.provider_added")).not.toBeNull();
    expect(await listSsoProviders(school.id)).toHaveLength(1);
    await removeSsoProvider(school.id, provider.id);
    expect(await listSsoProviders(school.id)).toHaveLength(0);
  });

  it("refuses an issuer whose discovery document names another issuer, or that cannot be reached", async () => {
    const school = await makeRootAccount();
    const base = { rootAccountId: school.id, name: "X", clientId: "c", clientSecret: "s" };
    const other = idp.issuer.replace("127.0.0.1", "localhost");
    await expect(addSsoProvider({ ...base, issuer: other })).rejects.toThrow(/names the issuer/);
    await expect(addSsoProvider({ ...base, issuer: "http://127.0.0.1:9/" })).rejects.toThrow(
      /could not be reached/,
    );
    await expect(addSsoProvider({ ...base, issuer: "http://idp.example.org" })).rejects.toThrow(/https/);
    expect(await listSsoProviders(school.id)).toHaveLength(0);
  });
});

describe("matching a provider's answer to a login of its school", () => {
  it("signs in a verified email's login, remembers the sub, and audits how", async () => {
    const { school, forAuth } = await schoolWithProvider();
    const user = await makeUser(school.id);
    const sub = `sub-${uid()}`;
    const first = await matchSsoSignIn({
      provider: forAuth,
      claims: { sub, email: user.login.toUpperCase(), email_verified: true },
      ip: "192.0.2.1",
    });
    expect(first).toEqual({ ok: true, userId: user.id, loginId: expect.any(Number) });
    const audit = await lastAudit(school.id, "login.signed_in");
    expect(audit).toMatchObject({
      actorId: user.id,
      ip: "192.0.2.1",
      data: { via: "sso", providerId: forAuth.id },
    });
    // The remembered sub wins when the provider later sends another (even someone else's) email.
    const other = await makeUser(school.id);
    const again = await matchSsoSignIn({
      provider: forAuth,
      claims: { sub, email: other.login, email_verified: true },
      ip: null,
    });
    expect(again).toMatchObject({ ok: true, userId: user.id });
  });

  it("refuses an unverified email, an unknown user, a user of another school, a disabled provider — each audited", async () => {
    const { school, forAuth } = await schoolWithProvider();
    const here = await makeUser(school.id);
    const elsewhere = await makeUser((await makeRootAccount()).id);
    const cases = [
      [{ sub: uid(), email: here.login, email_verified: false }, "email_unverified", forAuth],
      [{ sub: uid(), email: here.login }, "email_unverified", forAuth],
      [{ sub: uid(), email: `nobody-${uid()}@test.example`, email_verified: true }, "unknown_user", forAuth],
      [{ sub: uid(), email: elsewhere.login, email_verified: true }, "unknown_user", forAuth],
      [{ sub: uid(), email: here.login, email_verified: true }, "disabled", { ...forAuth, enabled: false }],
    ] as const;
    for (const [claims, reason, provider] of cases) {
      const result = await matchSsoSignIn({ provider, claims, ip: null });
      expect(result).toEqual({ ok: false, reason });
      expect(await lastAudit(school.id, "login.sso_refused")).toMatchObject({
        data: { reason, sub: claims.sub },
      });
    }
    expect(await db.ssoSubject.count({ where: { providerId: forAuth.id } })).toBe(0);
  });

  it("matches a custom claim against the SIS id", async () => {
    const { school, forAuth } = await schoolWithProvider({ claim: "sis_id" });
    const sis = `S${uid()}`;
    const user = await makeUser(school.id, { sisUserId: sis });
    expect(
      await matchSsoSignIn({ provider: forAuth, claims: { sub: uid(), sis_id: sis }, ip: null }),
    ).toMatchObject({ ok: true, userId: user.id });
    expect(
      await matchSsoSignIn({
        provider: forAuth,
        claims: { sub: uid(), email: user.login, email_verified: true },
        ip: null,
      }),
    ).toEqual({ ok: false, reason: "missing_claim" });
  });
});
