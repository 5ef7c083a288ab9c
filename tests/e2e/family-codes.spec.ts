import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeAdmin, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { checkPage } from "./axe.ts";
import { codeFor, signIn, teacherWithCourse } from "./helpers.ts";

// A parent who already has an account and a second child (issue 11 items 2 and 4), and navigation
// by role (item 5).
test.describe.configure({ timeout: 180_000 });

/** The sign-in page reached with a pairing code: it says the student is added once signed in. */
async function signInWithCode(page: Page, login: string) {
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText(/is added as soon as you are in/)).toBeVisible();
  await page.getByLabel("Email").fill(login);
  await page.getByLabel("Password").fill("test-pass-4815");
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a signed-in parent opens a code link and adds the student in one step", async ({ page }) => {
  const account = await defaultRootAccount();
  const parent = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  const kid = await makeStudent(account.id, { name: `Kit ${uid()}` });
  const code = await codeFor(kid, account.id);
  await signIn(page, parent.login);
  await page.goto(`/register?code=${code}&account=${account.id}`);
  await expect(page.getByRole("heading", { name: "Add this student?" })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: `Add ${account.name}'s student with this code?` }),
  ).toBeVisible();
  await expect(page.getByText(`You are signed in as ${parent.name} at ${account.name}.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await checkPage(page, "register-signed-in");
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page).toHaveURL(/\/observing\?added=/);
  await expect(page.getByText(`You are now observing ${kid.name}.`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Students you observe" }).getByText(kid.name)).toBeVisible();
});

test("“Not you?” on the one-step page signs out and keeps the code for the right parent", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const someoneElse = await makeUser(account.id, { name: `Sib Other ${uid()}` });
  const parent = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  const kid = await makeStudent(account.id, { name: `Kit ${uid()}` });
  const code = await codeFor(kid, account.id);
  await signIn(page, someoneElse.login);
  await page.goto(`/register?code=${code}&account=${account.id}`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInWithCode(page, parent.login);
  // Signing in with the code adds the student straight away (lib/pairing-codes/after-sign-in.ts).
  await expect(page.getByText(`You are now observing ${kid.name}.`)).toBeVisible();
});

test("signing in from the registration page carries the code and finishes the link", async ({ page }) => {
  const account = await defaultRootAccount();
  const parent = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  const kid = await makeStudent(account.id, { name: `Kit ${uid()}` });
  const code = await codeFor(kid, account.id);
  await page.goto(`/register?code=${code}&account=${account.id}`);
  // The parent tries to register with the email they already use: the answer is a wrong code's
  // (which emails have accounts is nobody's business), it offers a sign-in link, and the
  // parent is emailed how to add the student.
  await page.getByLabel("Your full name").fill(parent.name);
  await page.getByLabel("Email").fill(parent.login);
  await page.getByLabel("Password").fill("a-long-enough-passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Invalid pairing code.")).toBeVisible();
  await checkPage(page, "register-account-exists");
  await page.getByRole("link", { name: "Sign in instead" }).click();
  await signInWithCode(page, parent.login);
  await expect(page.getByText(`You are now observing ${kid.name}.`)).toBeVisible();

  // The footer's "Sign in" carries the code too.
  const other = await makeStudent(account.id, { name: `Lee ${uid()}` });
  const second = await codeFor(other, account.id);
  await page.context().clearCookies();
  await page.goto(`/register?code=${second}`);
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  // The register page has an Email field too: fill in only once the sign-in page is there.
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(parent.login);
  await page.getByLabel("Password").fill("test-pass-4815");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`You are now observing ${other.name}.`)).toBeVisible();
});

test("after an unlink the page says so and the old error is gone; wrong codes warn before the wait", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const parent = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  const kid = await makeStudent(account.id, { name: `Kit ${uid()}` });
  await signIn(page, parent.login);
  await page.goto("/observing");
  await page.getByLabel("Student pairing code").fill(await codeFor(kid, account.id));
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page.getByText(`You are now observing ${kid.name}.`)).toBeVisible();
  await page.getByLabel("Student pairing code").fill("ZZZZ-ZZZZ");
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page.getByText("Invalid pairing code.")).toBeVisible();
  await page.getByRole("button", { name: `Unlink ${kid.name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unlink" }).click();
  await expect(page.getByText(`You no longer observe ${kid.name}.`)).toBeVisible();
  await expect(page.getByText("Invalid pairing code.")).toHaveCount(0);
  await expect(page.getByText(`You are now observing ${kid.name}.`)).toHaveCount(0);
  // Wrong codes: a warning with the tries left comes before the wait (1 wrong so far; 10 allowed).
  for (let i = 0; i < 7; i++) {
    await page.getByLabel("Student pairing code").fill(`ZZZZ-ZZZ${i}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Add student" }).click(),
    ]);
  }
  await expect(page.getByText("2 tries left before a 15-minute wait.")).toBeVisible();
  await checkPage(page, "observing-tries-left");
});

test("navigation follows roles: parent, student, teacher, admin", async ({ page }) => {
  const account = await defaultRootAccount();
  const nav = () => page.getByRole("navigation", { name: "Main" });
  const parent = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  await signIn(page, parent.login);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Pair with Observer" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Pair with Observer" })).toHaveCount(0);
  const advanced = page.getByRole("region", { name: "Advanced: for developers" });
  await expect(advanced.getByRole("link", { name: "Access tokens" })).toBeVisible();
  await expect(nav().getByRole("link", { name: "Observing" })).toBeVisible();
  await checkPage(page, "settings-parent");

  const student = await makeStudent(account.id, { name: `Sam ${uid()}` });
  await page.context().clearCookies();
  await signIn(page, student.login);
  await expect(nav().getByRole("link", { name: "Observing" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByRole("button", { name: "Pair with Observer" })).toBeVisible();
  await page.goto("/observing");
  await expect(page.getByRole("heading", { name: "Add a student" })).toHaveCount(0);

  const { teacher } = await teacherWithCourse({ course: "Biology", teacher: "Tess Teacher", student: "Ali" });
  await page.context().clearCookies();
  await signIn(page, (teacher as { login: string }).login);
  await expect(nav().getByRole("link", { name: "Courses" })).toBeVisible();
  await expect(nav().getByRole("link", { name: "Admin" })).toHaveCount(0);

  const admin = await makeAdmin(account.id);
  await page.context().clearCookies();
  await signIn(page, admin.login);
  await expect(nav().getByRole("link", { name: "Admin" })).toBeVisible();
  await expect(nav().getByRole("link", { name: "Observing" })).toBeVisible();
});
