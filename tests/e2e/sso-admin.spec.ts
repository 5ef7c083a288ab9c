// Admin → Settings → Sign-in in Chromium against a real OpenID provider (issue 19): adding a
// provider, "Test sign-in" (the admin stays signed in), switching it on only after a test,
// removing one behind a confirmation, passwords switched off for students; parents' providers on
// the sign-in page; signing out at the provider too (RP-initiated logout).
import { test, expect } from "./fixtures.ts";
import { makeAdmin, makeStudent, makeUser, uid, actorFor } from "../helpers/factory.ts";
import { startIdp, type Idp } from "../helpers/oidc-idp.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { addSsoProvider, listSsoProviders } from "../../lib/identity/sso/index.ts";
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { checkPage } from "./axe.ts";
import { BUTTON, lastAudit, signInAtIdp, ssoLaunchOptions, ssoSchool } from "./sso-helpers.ts";

test.use({ launchOptions: ssoLaunchOptions });
test.describe.configure({ timeout: 180_000 });
let idp: Idp;
test.beforeAll(async () => {
  idp = await startIdp();
});
test.afterAll(() => idp.close());

async function signInWithPassword(page: import("@playwright/test").Page, origin: string, login: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel("Email").fill(login);
  await page.getByLabel("Password").fill("test-pass-4815");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin adds a provider, tests it without being signed out, switches it on, and turns students' passwords off", async ({
  page,
  baseURL,
}) => {
  const host = `sso-${uid()}.localhost`;
  const origin = `http://${host}:${new URL(baseURL!).port}`;
  const school = await createRootAccount({
    name: `Aspen High ${uid()}`,
    domain: host,
    selfRegistration: "observers",
  });
  const admin = await makeAdmin(school.id);
  const student = await makeStudent(school.id, { name: `Ari Student ${uid()}` });
  await signInWithPassword(page, origin, admin.login);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.goto(`${origin}/admin/settings`);
  await page.getByRole("link", { name: "Sign-in" }).click();
  await expect(page.getByRole("heading", { name: `Sign-in at ${school.name}` })).toBeVisible();
  await expect(page.getByText("No sign-in providers yet")).toBeVisible();
  await checkPage(page, "admin-sign-in-empty");

  const add = page.getByRole("region", { name: "Add a provider" });
  const clientId = `app-${uid()}`;
  const fill = async (name: string, issuer: string, id: string) => {
    await add.getByLabel("Button label").fill(name);
    await add.getByLabel("Issuer URL").fill(issuer);
    await add.getByLabel("Client ID").fill(id);
    await add.getByLabel("Client secret").fill(`secret-${id}`);
    await add.getByRole("button", { name: "Add provider" }).click();
  };
  // A typo in the issuer is refused when it is added, not at a student's first sign-in.
  await fill(BUTTON, idp.issuer.replace("127.0.0.1", "localhost"), clientId);
  await expect(add.getByText(/names the issuer/)).toBeVisible();
  await fill(BUTTON, idp.issuer, clientId);
  await expect(add.getByText(/Provider added, switched off/)).toBeVisible();
  const [provider] = await listSsoProviders(school.id);
  idp.addClient({
    clientId,
    clientSecret: `secret-${clientId}`,
    redirectUris: [`${origin}/api/auth/callback/sso-${provider!.id}`],
  });
  const item = page.locator(`#provider-${provider!.id}`);
  await expect(item.getByText(`${origin}/api/auth/callback/sso-${provider!.id}`)).toBeVisible();

  await item.getByRole("button", { name: "Switch on" }).click();
  await expect(item.getByText(/Run “Test sign-in” first/)).toBeVisible();

  const idpLogin = `ari-${uid()}`;
  idp.addUser({ sub: idpLogin, email: student.login, email_verified: true });
  await item.getByRole("button", { name: "Test sign-in" }).click();
  await signInAtIdp(page, idpLogin);
  await expect(
    item.getByText(
      `Test sign-in succeeded: the claim email was “${student.login}”, which signs in ${student.name}`,
    ),
  ).toBeVisible();
  // Still the admin, on the admin's page.
  await expect(page.getByRole("heading", { name: `Sign-in at ${school.name}` })).toBeVisible();
  expect(await lastAudit(school.id, "sso.provider_tested")).toMatchObject({ actorId: admin.id });
  await item.getByRole("button", { name: "Switch on" }).click();
  await expect(item.getByText("Switched on.")).toBeVisible();
  await checkPage(page, "admin-sign-in");

  // A second provider, removed after a confirmation.
  await fill("Spare provider", idp.issuer, `spare-${uid()}`);
  await expect(add.getByText(/Provider added/)).toBeVisible();
  // Edited (its secret left blank is kept), then removed after a confirmation.
  await page.getByText("Edit Spare provider").click();
  const edit = page.locator("details[open]");
  await edit.getByLabel("Button label").fill("Spare provider B");
  await edit.getByRole("button", { name: "Save provider" }).click();
  await expect(page.getByRole("heading", { name: "Spare provider B" })).toBeVisible();
  await page.getByRole("button", { name: "Remove Spare provider B" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await checkPage(page, "admin-sign-in-remove-dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Remove provider" }).click();
  await expect(page.getByRole("button", { name: "Remove Spare provider B" })).toHaveCount(0);
  expect(await lastAudit(school.id, "sso.provider_removed")).toMatchObject({ actorId: admin.id });

  const passwords = page.getByRole("region", { name: "Passwords for students and staff" });
  await passwords.getByLabel("Students and staff may sign in with a password").uncheck();
  await passwords.getByRole("button", { name: "Save" }).click();
  await expect(passwords.getByText(/parents and school admins keep their passwords/)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signInWithPassword(page, origin, student.login);
  await expect(
    page.getByText(`switched off passwords for students and staff: sign in with “${BUTTON}”`, {
      exact: false,
    }),
  ).toBeVisible();
  expect(await lastAudit(school.id, "login.password_refused")).toMatchObject({ actorId: student.id });
});

test("a parent signs in with the parents' provider, offered also with a code link; the students' one is not", async ({
  page,
  baseURL,
}) => {
  const { origin, school } = await ssoSchool(idp, baseURL!);
  const student = await makeStudent(school.id);
  const parent = await makeUser(school.id, { name: `Pat Parent ${uid()}` });
  const { code } = await createPairingCode(actorFor(student, school.id), { studentId: student.id });
  await redeemPairingCode(actorFor(parent, school.id), { observerId: parent.id, code });
  const [clientId, clientSecret] = [`parents-${uid()}`, `secret-${uid()}`];
  const parents = await addSsoProvider({
    rootAccountId: school.id,
    name: "Parents: Sign in with Google",
    issuer: idp.issuer,
    clientId,
    clientSecret,
    forParents: true,
  });
  idp.addClient({ clientId, clientSecret, redirectUris: [`${origin}/api/auth/callback/sso-${parents.id}`] });
  await page.goto(`${origin}/login?code=ABCD-EFGH`);
  await expect(page.getByRole("button", { name: BUTTON })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Parents and guardians" })).toBeVisible();
  await checkPage(page, "login-parents-provider");
  await page.goto(`${origin}/login`);
  const sub = `pat-${uid()}`;
  idp.addUser({ sub, email: parent.login, email_verified: true });
  await page.getByRole("button", { name: "Parents: Sign in with Google" }).click();
  await signInAtIdp(page, sub);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await lastAudit(school.id, "login.signed_in")).toMatchObject({
    actorId: parent.id,
    data: { via: "sso", providerId: parents.id },
  });
});

test("a parent opens a student's code link at a school with a provider: not offered it, registers with email", async ({
  page,
  baseURL,
}) => {
  const { origin, school } = await ssoSchool(idp, baseURL!);
  const student = await makeStudent(school.id, { name: `Kit Student ${uid()}` });
  const { code } = await createPairingCode(actorFor(student, school.id), { studentId: student.id });
  await page.goto(`${origin}/login?code=${code}`);
  await expect(page.getByRole("button", { name: BUTTON })).toHaveCount(0);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Your full name").fill(`Kit Parent ${uid()}`);
  await page.getByLabel("Email").fill(`kit-${uid()}@home.test`);
  await page.getByLabel("Password").fill("a-long-enough-passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/observing$/);
  await expect(
    page.getByRole("list", { name: "Students you observe" }).getByText(student.name, { exact: true }),
  ).toBeVisible();
});

test("signing out ends the provider's session too (RP-initiated logout)", async ({ page, baseURL }) => {
  const { origin, school } = await ssoSchool(idp, baseURL!);
  const student = await makeStudent(school.id);
  const sub = `out-${uid()}`;
  idp.addUser({ sub, email: student.login, email_verified: true });
  await page.goto(`${origin}/login`);
  await page.getByRole("button", { name: BUTTON }).click();
  await signInAtIdp(page, sub);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${origin}/login`);
  await expect(page.getByRole("button", { name: BUTTON })).toBeVisible();
  // The provider asks who it is again: its session ended with ours.
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page.getByPlaceholder("Enter any login")).toBeVisible();
});
