// Single sign-on through a real OpenID provider in Chromium (issue 19): the discovery page, a
// student signing in and making a pairing code, and each refusal with its page and audit event.
import { test, expect } from "./fixtures.ts";
import { makeStudent, makeUser, makeRootAccount, uid } from "../helpers/factory.ts";
import { startIdp, type Idp } from "../helpers/oidc-idp.ts";
import { setSsoProviderEnabled } from "../../lib/identity/sso/index.ts";
import { BUTTON, expectRefused, lastAudit, signInAtIdp, ssoLaunchOptions, ssoSchool } from "./sso-helpers.ts";

test.use({ launchOptions: ssoLaunchOptions });
// Several round trips through the provider per test: on a loaded 2-core machine one takes 15-20 s.
test.describe.configure({ timeout: 180_000 });
let idp: Idp;
test.beforeAll(async () => {
  idp = await startIdp();
});
test.afterAll(() => idp.close());

test("a student signs in with the school's provider and makes a pairing code", async ({ page, baseURL }) => {
  const { origin, school, provider } = await ssoSchool(idp, baseURL!);
  const student = await makeStudent(school.id, { name: `Sky Student ${uid()}` });
  const idpLogin = `sky-${uid()}`;
  idp.addUser({ sub: idpLogin, email: student.login, email_verified: true });

  await page.goto(`${origin}/login`);
  await expect(page.getByRole("heading", { name: `Sign in to ${school.name}` })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Parents and guardians: sign in with email" }),
  ).toBeVisible();
  await page.getByRole("button", { name: BUTTON }).click();
  await signInAtIdp(page, idpLogin);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(origin);

  await page.goto(`${origin}/settings`);
  await page.getByRole("button", { name: "Pair with Observer" }).click();
  await expect(page.getByLabel("Pairing code", { exact: true })).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(await lastAudit(school.id, "login.signed_in")).toMatchObject({
    actorId: student.id,
    data: { via: "sso", providerId: provider.id },
  });
});

test("a parent with a code link is not offered the students' provider; /login?provider= goes straight there", async ({
  page,
  baseURL,
}) => {
  const { origin, provider } = await ssoSchool(idp, baseURL!);
  await page.goto(`${origin}/login?code=ABCD-EFGH`);
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByRole("button", { name: BUTTON })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute(
    "href",
    "/register?code=ABCD-EFGH",
  );

  await page.goto(`${origin}/login?provider=${provider.id}`);
  await expect(page.getByPlaceholder("Enter any login")).toBeVisible();
  expect(page.url().startsWith(idp.issuer)).toBe(true);
});

test("unknown users, unverified emails and another school's users are refused, each audited", async ({
  page,
  baseURL,
}) => {
  const { origin, school } = await ssoSchool(idp, baseURL!);
  const here = await makeUser(school.id);
  const elsewhere = await makeUser((await makeRootAccount()).id);
  const cases = [
    {
      email: `nobody-${uid()}@test.example`,
      email_verified: true,
      reason: "unknown_user",
      says: /isn't set up here yet — ask your school/,
    },
    {
      email: here.login,
      email_verified: false,
      reason: "email_unverified",
      says: /has not confirmed your email/,
    },
    { email: elsewhere.login, email_verified: true, reason: "unknown_user", says: /isn't set up here yet/ },
  ];
  for (const c of cases) {
    const sub = `u-${uid()}`;
    idp.addUser({ sub, email: c.email, email_verified: c.email_verified });
    await page.goto(`${origin}/login`);
    await page.getByRole("button", { name: BUTTON }).click();
    await signInAtIdp(page, sub);
    await expectRefused(page, c.says);
    expect(await lastAudit(school.id, "login.sso_refused")).toMatchObject({
      data: { reason: c.reason, sub },
    });
    await page.context().clearCookies();
  }
  await page.goto(`${origin}/settings`);
  await expect(page).toHaveURL(/\/login/);
});

test("a replayed state, a changed nonce and a wrong issuer are refused, each audited", async ({
  page,
  baseURL,
}) => {
  const { origin, school } = await ssoSchool(idp, baseURL!);
  const student = await makeUser(school.id);
  const login = `r-${uid()}`;
  idp.addUser({ sub: login, email: student.login, email_verified: true });
  const start = async () => {
    await page.goto(`${origin}/login`);
    await page.getByRole("button", { name: BUTTON }).click();
  };
  const refusedWith = async (detail: RegExp) => {
    await expectRefused(page, /could not be completed/);
    const event = await lastAudit(school.id, "login.sso_refused");
    expect(event).toMatchObject({ data: { reason: "protocol" } });
    expect(JSON.stringify(event!.data)).toMatch(detail);
  };

  // Replay: the callback URL of a completed sign-in, opened again.
  const callback = page.waitForRequest((r) => r.url().startsWith(`${origin}/api/auth/callback/`));
  await start();
  await signInAtIdp(page, login);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const used = (await callback).url();
  await page.context().clearCookies();
  await page.goto(used);
  await refusedWith(/state/i);

  // The nonce the app sent is changed on its way to the provider.
  await page.route(
    (url) => url.href.startsWith(`${idp.issuer}/auth?`),
    (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("nonce", `forged-${uid()}`);
      return route.continue({ url: url.href });
    },
  );
  await start();
  await signInAtIdp(page, login);
  await refusedWith(/nonce/i);
  await page.unrouteAll();
  await page.context().clearCookies();

  // The answer claims to come from another issuer: the provider's redirect back is rewritten
  // (Chromium does not route redirected requests, so the form post's chain is followed here).
  await page.route(
    (url) => url.href.startsWith(`${idp.issuer}/interaction/`),
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const posted = await route.fetch({ maxRedirects: 0 });
      const resume = new URL(posted.headers()["location"]!, idp.issuer).href;
      const next = (await page.request.get(resume, { maxRedirects: 0 })).headers()["location"]!;
      const back = new URL(next, idp.issuer);
      if (back.href.startsWith(`${origin}/api/auth/callback/`))
        back.searchParams.set("iss", "https://idp.attacker.example");
      return route.fulfill({ status: 303, headers: { location: back.href } });
    },
  );
  await start();
  await signInAtIdp(page, login);
  await refusedWith(/iss/i);
});

test("a disabled provider is not offered, cannot be started, and an answer in flight is refused and audited", async ({
  page,
  baseURL,
}) => {
  const { origin, school, provider } = await ssoSchool(idp, baseURL!);
  const student = await makeUser(school.id);
  const login = `d-${uid()}`;
  idp.addUser({ sub: login, email: student.login, email_verified: true });
  await page.goto(`${origin}/login`);
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page.getByPlaceholder("Enter any login")).toBeVisible();
  await setSsoProviderEnabled(school.id, provider.id, false, { untested: true });
  await signInAtIdp(page, login);
  await expectRefused(page, /switched off at this school/);
  expect(await lastAudit(school.id, "login.sso_refused")).toMatchObject({ data: { reason: "disabled" } });

  await page.goto(`${origin}/login`);
  await expect(page.getByRole("button", { name: BUTTON })).toHaveCount(0);
  await page.goto(`${origin}/login?provider=${provider.id}`);
  await expectRefused(page, /switched off at this school/);
});
