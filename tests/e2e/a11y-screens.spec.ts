import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeAdmin, makeCourse, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { checkPage as check } from "./axe.ts";
import { codeFor, signIn, teacherWithCourse } from "./helpers.ts";

// Every page, signed in as each role, at phone (390 px) and desktop width: axe must find nothing,
// and a full-page screenshot is written for people to look at (test-results/screens/).
// Each page is checked twice with axe, which takes seconds per page on a 2-core CI machine.
test.describe.configure({ timeout: 180_000 });

test("signed out: sign-in and registration pages", async ({ page }) => {
  await page.goto("/login");
  await check(page, "login");
  await page.goto("/register?code=ABCD-1234");
  await check(page, "register");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your full name.")).toBeVisible();
  await check(page, "register-errors");
});

test("an admin-made parent chooses a password from a setup link an admin made and is signed in", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const { createAccountUser } = await import("../../lib/identity/account-users.ts");
  const { db } = await import("../../lib/platform/db.ts");
  const { actorFor } = await import("../helpers/factory.ts");
  const email = `quinn-${uid()}@home.test`;
  const quinn = await createAccountUser(actorFor(admin, account.id), {
    accountId: account.id,
    name: "Quinn Carer",
    uniqueId: email,
  });
  // No SMTP here: the waiting email holds no link (it is issued only as an email is sent), so an
  // admin makes a new one on the user's page, shown to them once (lib/identity/setup-links.ts).
  const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
  expect(mail.text).not.toContain("token=");
  await signIn(page, admin.login);
  await page.goto(`/admin/users/${quinn.id}`);
  await page.getByRole("button", { name: "Send password link" }).click();
  const shown = page.getByLabel("Setup link", { exact: true });
  await expect(shown).toBeVisible();
  await check(page, "admin-user-setup-link");
  const link = new URL((await shown.textContent())!.trim());
  await page.context().clearCookies();
  await page.goto(link.pathname + link.search);
  await expect(page.getByText(`For the account ${email}.`)).toBeVisible();
  await check(page, "set-password");
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await page.getByLabel("New password").fill("quinn-chooses-well");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // The link worked once.
  await page.context().clearCookies();
  await page.goto(link.pathname + link.search);
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
});

test("student pages", async ({ page }) => {
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Sam Student ${uid()}`, courses: 2 });
  const parent = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  const { redeemPairingCode } = await import("../../lib/pairing-codes/index.ts");
  const { actorFor } = await import("../helpers/factory.ts");
  await redeemPairingCode(actorFor(parent, account.id), {
    observerId: parent.id,
    code: await codeFor(student, account.id),
  });
  await signIn(page, student.login);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Pair with Observer" }).click();
  const code = (await page.getByLabel("Pairing code", { exact: true }).textContent())?.trim() ?? "";
  await check(page, "settings-student");
  await page.getByRole("button", { name: `Revoke code ending ${code.slice(-4)}` }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await check(page, "settings-revoke-dialog");
  await page.keyboard.press("Escape");
  await page.goto("/notifications");
  await check(page, "notifications");
  await page.goto("/settings/tokens");
  await page.getByLabel("Purpose").fill("Calendar sync");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("New access token")).toBeVisible();
  await check(page, "tokens");
});

test("parent pages", async ({ page }) => {
  const account = await defaultRootAccount();
  const parent = await makeUser(account.id, { name: `Pat Parent ${uid()}` });
  const student = await makeStudent(account.id, { name: `Riley Rivera ${uid()}`, courses: 3 });
  const { redeemPairingCode } = await import("../../lib/pairing-codes/index.ts");
  const { actorFor } = await import("../helpers/factory.ts");
  await redeemPairingCode(actorFor(parent, account.id), {
    observerId: parent.id,
    code: await codeFor(student, account.id),
  });
  await signIn(page, parent.login);
  await page.goto("/observing");
  await check(page, "observing");
  await page.getByLabel("Student pairing code").fill("nope");
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page.getByText("Invalid pairing code.")).toBeVisible();
  await check(page, "observing-error");
  await page.goto("/settings");
  await check(page, "settings-parent");
});

test("admin pages", async ({ page }) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const course = await makeCourse(account.id, `Algebra ${uid()}`);
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const student = await makeStudent(account.id, { name: `Jordan Lee ${uid()}` });
  await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
  await signIn(page, admin.login);
  await page.goto("/admin/users");
  await check(page, "admin-users");
  await page.goto(`/admin/users/${student.id}`);
  await page.getByRole("button", { name: "Generate pairing code" }).click();
  await expect(page.getByLabel("Pairing code", { exact: true })).toBeVisible();
  await check(page, "admin-user");
  await page.goto("/admin/audit");
  await check(page, "admin-audit");
  await page.goto("/admin/settings");
  await check(page, "admin-settings");
  await page.goto("/admin/outbox");
  await check(page, "admin-outbox");
  await page.goto("/courses");
  await check(page, "courses");
  await page.goto(`/courses/${course.id}`);
  await check(page, "course");
});

test("sub-account admin pages", async ({ page }) => {
  const account = await defaultRootAccount();
  const { createSubAccount, makeAccountAdmin } = await import("../../lib/accounts/provisioning.ts");
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const sub = await createSubAccount({ name: `Middle School ${uid()}`, parentId: account.id });
  const subAdmin = await makeUser(account.id, { name: `Sam Subadmin ${uid()}` });
  await makeAccountAdmin({ accountId: sub.id, userId: subAdmin.id });
  const course = await makeCourse(sub.id, `Geometry ${uid()}`);
  const student = await makeStudent(account.id, { name: `Kim Park ${uid()}` });
  await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
  await signIn(page, subAdmin.login);
  await page.goto("/admin/users");
  await expect(page.getByRole("link", { name: student.name })).toBeVisible();
  await check(page, "subadmin-users");
  await page.goto(`/admin/users/${student.id}`);
  await check(page, "subadmin-user");
  await page.goto("/admin/audit");
  await check(page, "subadmin-audit");
  await page.goto(`/courses/${course.id}`);
  await check(page, "subadmin-course");
  // Settings and mail belong to the root account's admins.
  await page.goto("/admin/settings");
  await expect(page.getByText("Only admins of a whole institution")).toBeVisible();
  await check(page, "subadmin-settings");
  expect((await page.request.get("/admin/outbox")).status()).toBe(404);
});

test("teacher pages", async ({ page }) => {
  const { course, teacher, student } = await teacherWithCourse({
    course: "Biology",
    teacher: "Taylor Teacher",
    student: "Jo Pupil",
  });
  await signIn(page, teacher.login);
  await expect(page).toHaveURL(/\/courses$/);
  await check(page, "teacher-courses");
  await page.goto(`/courses/${course.id}`);
  await page.getByRole("button", { name: `Generate code for ${student.name}` }).click();
  await expect(page.getByLabel("Pairing code", { exact: true })).toBeVisible();
  await check(page, "teacher-course");
  await page.goto("/settings");
  await check(page, "teacher-settings");
  expect((await page.request.get("/admin/users")).status()).toBe(404);
});
