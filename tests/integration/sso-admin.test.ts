// The rest of single sign-on (issue 19) on real PostgreSQL and a real OpenID provider: the admin
// page's rules (switched on only after a test, edits need a new test, lock-out guards), passwords
// switched off for students and staff on every password path, parents' providers, and the
// provider's logout address at sign-out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { db } from "../../lib/platform/db.ts";
import { AppError } from "../../lib/platform/errors.ts";
import { signInWithPassword } from "../../lib/identity/sign-in.ts";
import {
  redeemWithCredentials,
  createPairingCode,
  redeemPairingCode,
} from "../../lib/pairing-codes/index.ts";
import {
  addSchoolSsoProvider,
  enableSchoolSsoProvider,
  getSchoolSignIn,
  updateSchoolSsoProvider,
} from "../../lib/identity/sso/admin.ts";
import { matchSsoSignIn, setStaffPasswordSignIn, ssoProvidersForAuth } from "../../lib/identity/sso/index.ts";
import { providerLogoutUrl } from "../../lib/identity/sso/logout.ts";
import { actorFor, makeAdmin, makeStudent, makeUser, TEST_PASSWORD, uid } from "../helpers/factory.ts";
import { startIdp, type Idp } from "../helpers/oidc-idp.ts";

let idp: Idp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(() => idp.close());

async function school() {
  const host = `pw-${uid()}.test`;
  const root = await createRootAccount({
    name: `Birch School ${uid()}`,
    domain: host,
    selfRegistration: "observers",
  });
  const admin = await makeAdmin(root.id);
  return { host, root, admin, actor: actorFor(admin, root.id) };
}

const provider = (rootAccountId: number, extra: { forParents?: boolean; name?: string } = {}) => ({
  rootAccountId,
  name: extra.name ?? "Students and staff: Sign in with Test IdP",
  issuer: idp.issuer,
  clientId: `c-${uid()}`,
  clientSecret: `s-${uid()}`,
  forParents: extra.forParents,
});

/** What a successful "Test sign-in" stores (the browser round trip is tests/e2e/sso-admin.spec.ts). */
const markTested = (id: number) => db.ssoProvider.update({ where: { id }, data: { testedAt: new Date() } });

const lastAudit = (rootAccountId: number, action: string) =>
  db.auditEvent.findFirst({ where: { rootAccountId, action }, orderBy: { id: "desc" } });

describe("the admin page's providers", () => {
  it("adds a provider switched off; it is switched on only after a test sign-in, and an edit needs a new one", async () => {
    const s = await school();
    const p = await addSchoolSsoProvider(s.actor, provider(s.root.id));
    expect(p.enabled).toBe(false);
    const on = { rootAccountId: s.root.id, id: p.id, enabled: true };
    await expect(enableSchoolSsoProvider(s.actor, on)).rejects.toThrow(/Test sign-in/);
    await markTested(p.id);
    expect((await enableSchoolSsoProvider(s.actor, on)).enabled).toBe(true);
    expect(await lastAudit(s.root.id, "sso.provider_changed")).toMatchObject({
      actorId: s.admin.id,
      data: { summary: "switched on" },
    });
    // A new label only: still on. A new claim: off until tested again.
    const edit = {
      rootAccountId: s.root.id,
      id: p.id,
      issuer: idp.issuer,
      clientId: p.clientId,
      claim: "email",
    };
    expect((await updateSchoolSsoProvider(s.actor, { ...edit, name: "Sign in with Test" })).enabled).toBe(
      true,
    );
    const changed = await updateSchoolSsoProvider(s.actor, {
      ...edit,
      name: "Sign in with Test",
      claim: "sis_id",
    });
    expect(changed).toMatchObject({ enabled: false, testedAt: null, claim: "sis_id" });
    const { providers } = await getSchoolSignIn(s.actor, s.root.id);
    expect(providers[0]!.redirectUri).toMatch(new RegExp(`/api/auth/callback/sso-${p.id}$`));
    expect(JSON.stringify(providers)).not.toContain("clientSecret");
  });

  it("keeps the client secret out of every table: a dump of the whole database does not contain it", async () => {
    const s = await school();
    const secret = `plain-secret-${uid()}-${uid()}`;
    const p = await addSchoolSsoProvider(s.actor, { ...provider(s.root.id), clientSecret: secret });
    await updateSchoolSsoProvider(s.actor, {
      ...provider(s.root.id),
      id: p.id,
      clientId: p.clientId,
      clientSecret: `${secret}-rotated`,
    });
    const tables = await db.$queryRaw<{ name: string }[]>`
      SELECT table_name::text AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["sso_providers", "audit_events"]));
    const holding: string[] = [];
    for (const { name } of tables) {
      const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM "${name}" t WHERE t::text LIKE $1`,
        `%${secret}%`,
      );
      if (row!.n > 0n) holding.push(name);
    }
    expect(holding).toEqual([]);
    expect((await ssoProvidersForAuth(s.root.id))[0]!.clientSecret).toBe(`${secret}-rotated`);
  });

  it("is for the school's root-account admins only", async () => {
    const s = await school();
    const other = await school();
    const teacher = actorFor(await makeUser(s.root.id), s.root.id);
    for (const actor of [teacher, other.actor]) {
      await expect(getSchoolSignIn(actor, s.root.id)).rejects.toBeInstanceOf(AppError);
      await expect(addSchoolSsoProvider(actor, provider(s.root.id))).rejects.toBeInstanceOf(AppError);
      await expect(
        setStaffPasswordSignIn(actor, { rootAccountId: s.root.id, allowed: false }),
      ).rejects.toBeInstanceOf(AppError);
    }
    expect(await db.ssoProvider.count({ where: { rootAccountId: s.root.id } })).toBe(0);
  });
});

describe("passwords switched off for students and staff", () => {
  it("needs a students' provider first, and then that provider cannot be switched off or removed", async () => {
    const s = await school();
    const off = { rootAccountId: s.root.id, allowed: false };
    await expect(setStaffPasswordSignIn(s.actor, off)).rejects.toThrow(
      /provider for students and staff first/,
    );
    const p = await addSchoolSsoProvider(s.actor, provider(s.root.id));
    await markTested(p.id);
    await enableSchoolSsoProvider(s.actor, { rootAccountId: s.root.id, id: p.id, enabled: true });
    await setStaffPasswordSignIn(s.actor, off);
    expect(await lastAudit(s.root.id, "settings.changed")).toMatchObject({
      data: { staffPasswordSignIn: { from: true, to: false } },
    });
    await expect(
      enableSchoolSsoProvider(s.actor, { rootAccountId: s.root.id, id: p.id, enabled: false }),
    ).rejects.toThrow(/allow their passwords again first/);
  });

  it("refuses a student's right password with the school's buttons named, audited; parents and root admins keep theirs", async () => {
    const s = await school();
    const p = await addSchoolSsoProvider(s.actor, provider(s.root.id, { name: "Sign in with Birch Google" }));
    await markTested(p.id);
    await enableSchoolSsoProvider(s.actor, { rootAccountId: s.root.id, id: p.id, enabled: true });
    const student = await makeStudent(s.root.id);
    const parent = await makeUser(s.root.id);
    const pw = (login: string, password = TEST_PASSWORD) =>
      signInWithPassword({ login, password, host: s.host, ip: "192.0.2.7" });

    expect(await pw(student.login)).toMatchObject({ userId: student.id });
    await setStaffPasswordSignIn(s.actor, { rootAccountId: s.root.id, allowed: false });
    await expect(pw(student.login)).rejects.toThrow(
      /switched off passwords for students and staff: sign in with “Sign in with Birch Google”/,
    );
    expect(await lastAudit(s.root.id, "login.password_refused")).toMatchObject({
      actorId: student.id,
      data: { via: "password" },
    });
    // A wrong password says only that (the switch is told to the password's holder alone).
    expect(await pw(student.login, "wrong-password-1")).toBeNull();
    expect(await pw(parent.login)).toMatchObject({ userId: parent.id });
    expect(await pw(s.admin.login)).toMatchObject({ userId: s.admin.id });

    // Canvas's "add an observee by the student's credentials" checks the same rule.
    await expect(
      redeemWithCredentials(actorFor(parent, s.root.id), {
        observerId: parent.id,
        uniqueId: student.login,
        password: TEST_PASSWORD,
      }),
    ).rejects.toThrow(/switched off passwords/);
    expect(await db.observationLink.count({ where: { observerId: parent.id } })).toBe(0);
  });
});

describe("parents' providers", () => {
  it("match a parent's verified email only: never a student's or staff member's, never a new account", async () => {
    const s = await school();
    const student = await makeStudent(s.root.id);
    const parent = await makeUser(s.root.id);
    const { code } = await createPairingCode(actorFor(student, s.root.id), { studentId: student.id });
    await redeemPairingCode(actorFor(parent, s.root.id), { observerId: parent.id, code });
    const p = await addSchoolSsoProvider(s.actor, {
      ...provider(s.root.id, { forParents: true }),
      claim: "sis_id",
    });
    expect(p).toMatchObject({ forParents: true, claim: "email" });
    const [forAuth] = await ssoProvidersForAuth(s.root.id);
    const users = await db.user.count();
    const match = (email: string) =>
      matchSsoSignIn({
        provider: { ...forAuth!, enabled: true },
        claims: { sub: uid(), email, email_verified: true },
        ip: null,
      });
    expect(await match(parent.login)).toMatchObject({ ok: true, userId: parent.id });
    expect(await match(student.login)).toEqual({ ok: false, reason: "unknown_user" });
    expect(await match(s.admin.login)).toEqual({ ok: false, reason: "unknown_user" });
    expect(await match(`new-parent-${uid()}@home.test`)).toEqual({ ok: false, reason: "unknown_user" });
    expect(await db.user.count()).toBe(users);
  });
});

describe("sign-out at the provider", () => {
  it("is the provider's end_session_endpoint with the ID token and the school's return address", async () => {
    const s = await school();
    const p = await addSchoolSsoProvider(s.actor, provider(s.root.id));
    const url = new URL(
      (await providerLogoutUrl({
        idToken: "id.token.here",
        authProviderId: `sso-${p.id}`,
        returnTo: "http://x.test/login",
      }))!,
    );
    expect(url.href.startsWith(`${idp.issuer}/session/end`)).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      id_token_hint: "id.token.here",
      post_logout_redirect_uri: "http://x.test/login",
      client_id: p.clientId,
    });
    expect(
      await providerLogoutUrl({ idToken: undefined, authProviderId: `sso-${p.id}`, returnTo: "/" }),
    ).toBeNull();
    expect(
      await providerLogoutUrl({ idToken: "t", authProviderId: "credentials", returnTo: "/" }),
    ).toBeNull();
  });
});
