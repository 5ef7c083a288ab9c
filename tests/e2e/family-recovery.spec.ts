import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeAdmin, makeUser, uid } from "../helpers/factory.ts";
import { oneTimeLinkIn, textAsSent } from "../helpers/setup-links.ts";
import { checkPage } from "./axe.ts";
import { signIn } from "./helpers.ts";

// Account recovery (issue 11 item 1) and email verification (issue 10 item 9), as people do it.
// No SMTP here: the test sends the waiting email the way delivery does (tests/helpers/setup-links.ts).
test.describe.configure({ timeout: 180_000 });

const pathOf = (url: URL) => url.pathname + url.search;

test("a parent who forgot their password gets a link, chooses a new one and is signed in", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const pat = await makeUser(account.id, { name: `Pat Parent ${uid()}`, login: `pat-${uid()}@home.test` });
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await checkPage(page, "forgot-password");
  await page.getByLabel("Email").fill(pat.login);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(
    page.getByText(/If an account here uses that email or login, we sent it a link/),
  ).toBeVisible();
  // The same words for an address with no account.
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(`nobody-${uid()}@home.test`);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(
    page.getByText(/If an account here uses that email or login, we sent it a link/),
  ).toBeVisible();

  const { url } = oneTimeLinkIn((await textAsSent(pat.login))!, "/set-password");
  await page.goto(pathOf(url));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await checkPage(page, "reset-password");
  await page.getByLabel("New password").fill("a-new-spring-passphrase");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // The link worked once.
  await page.context().clearCookies();
  await page.goto(pathOf(url));
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  await signIn(page, pat.login, "a-new-spring-passphrase");
});

test("changing the password in Settings ends the other sessions and keeps this one", async ({
  browser,
  page,
}) => {
  const account = await defaultRootAccount();
  const pat = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  const other = await browser.newPage();
  await signIn(other, pat.login);
  await signIn(page, pat.login);
  await page.goto("/settings");
  const password = page.getByRole("region", { name: "Password" });
  await password.getByLabel("Current password").fill("not-my-password");
  await password.getByLabel("New password").fill("a-better-passphrase");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await password.getByLabel("Current password").fill("test-pass-4815");
  await password.getByLabel("New password").fill("a-better-passphrase");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("You were signed out on every other device.")).toBeVisible();
  await checkPage(page, "settings-password-changed");
  // This browser is still signed in; the other one is not.
  await page.goto("/observing");
  await expect(page.getByRole("heading", { name: "Observing" })).toBeVisible();
  await other.goto("/observing");
  await expect(other.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await other.close();
});

test("an admin sends a password link to a user who has a password", async ({ page }) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const pat = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  await signIn(page, admin.login);
  await page.goto(`/admin/users/${pat.id}`);
  await page.getByRole("button", { name: `Send password link for ${pat.login}` }).click();
  const shown = page.getByLabel("Setup link", { exact: true });
  await expect(shown).toBeVisible();
  await expect(page.getByText(/works once, for 60 minutes/)).toBeVisible();
  await checkPage(page, "admin-send-password-link");
  const link = new URL((await shown.textContent())!.trim());
  await page.context().clearCookies();
  await page.goto(pathOf(link));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
});

test("a self-registered parent confirms their email; until then an admin cannot link them", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const { registerObserver } = await import("../../lib/pairing-codes/registration.ts");
  const { codeFor } = await import("./helpers.ts");
  const { makeStudent } = await import("../helpers/factory.ts");
  const student = await makeStudent(account.id, { name: `Sam ${uid()}` });
  const second = await makeStudent(account.id, { name: `Kit ${uid()}` });
  const email = `jo-${uid()}@home.test`;
  const jo = await registerObserver({
    name: `Jo Parent ${uid()}`,
    unique_id: email,
    password: "a-good-passphrase",
    pairing_code: await codeFor(student, account.id),
    host: "localhost",
    ip: null,
  });
  const admin = await makeAdmin(account.id);
  await signIn(page, admin.login);
  await page.goto(`/admin/users/${jo.userId}`);
  await expect(page.getByText(/email not confirmed yet/)).toBeVisible();
  const { linkObserveeByAdmin } = await import("../../lib/observer-links/index.ts");
  const { actorFor } = await import("../helpers/factory.ts");
  await expect(
    linkObserveeByAdmin(actorFor(admin, account.id), { observerId: jo.userId, studentId: second.id }),
  ).rejects.toThrow(/has not confirmed their email address/);

  await page.context().clearCookies();
  await signIn(page, email, "a-good-passphrase");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  const { url } = oneTimeLinkIn((await textAsSent(email))!, "/verify-email");
  await page.goto(pathOf(url));
  await checkPage(page, "verify-email");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText(`Thank you: ${email} is confirmed.`)).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Confirm your email" })).toHaveCount(0);
  await expect(
    linkObserveeByAdmin(actorFor(admin, account.id), { observerId: jo.userId, studentId: second.id }),
  ).resolves.toMatchObject({ id: second.id });
});
