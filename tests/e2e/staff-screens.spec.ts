import { test, expect } from "./fixtures.ts";
import {
  actorFor,
  defaultRootAccount,
  makeAdmin,
  makeCourse,
  makeRootAccount,
  makeStudent,
  makeUser,
  uid,
} from "../helpers/factory.ts";
import { checkPage } from "./axe.ts";
import { codeFor, signIn } from "./helpers.ts";

// What school staff work with: users by role, courses and rosters found by search in natural
// order, the audit log in words, a teacher's landing without code permission, and the 404 page.
test.describe.configure({ timeout: 180_000 });

test("an admin sees each user's role and narrows the users table to one role", async ({ page }) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const tag = uid();
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const student = await makeStudent(account.id, { name: `Rory Roles${tag}` });
  const teacher = await makeUser(account.id, { name: `Tess Roles${tag}` });
  await enrollUser({ courseId: student.courses[0].id, userId: teacher.id, type: "teacher" });
  const parent = await makeUser(account.id, { name: `Pia Roles${tag}` });
  const { linkObserveeByAdmin } = await import("../../lib/observer-links/index.ts");
  await linkObserveeByAdmin(actorFor(admin, account.id), {
    observerId: parent.id,
    studentId: student.id,
    rootAccountId: account.id,
  });

  await signIn(page, admin.login);
  await page.getByLabel("Name, login or SIS id").fill(`Roles${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.getByRole("table");
  await expect(page.getByText(`3 users match “Roles${tag}”.`)).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: student.name })).toContainText("Student");
  await expect(table.getByRole("row").filter({ hasText: teacher.name })).toContainText("Teacher");
  await expect(table.getByRole("row").filter({ hasText: parent.name })).toContainText("Observer");
  await page.getByLabel("Role").selectOption({ label: "Teachers" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`1 user match “Roles${tag}”, role Teacher.`)).toBeVisible();
  await expect(page.getByRole("link", { name: teacher.name })).toBeVisible();
  await expect(page.getByRole("link", { name: student.name })).toHaveCount(0);
  await expect(page.getByLabel("Role")).toHaveValue("teacher");
  await checkPage(page, "staff-users-by-role");
});

test("an admin finds a student on a course page by search, listed in natural order (Kid2 before Kid10)", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const tag = uid();
  const course = await makeCourse(account.id, `Natural Course ${tag}`);
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  for (const n of [10, 2, 1]) {
    const kid = await makeUser(account.id, { name: `Kid${n} Order${tag}` });
    await enrollUser({ courseId: course.id, userId: kid.id, type: "student" });
  }
  await signIn(page, admin.login);
  await page.goto("/courses");
  await page.getByLabel("Course name or code").fill(tag);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`1 course match “${tag}”.`)).toBeVisible();
  await page.getByRole("link", { name: course.name, exact: true }).click();
  await expect(page.getByRole("heading", { name: `${course.name}: pairing codes`, level: 1 })).toBeVisible();
  const rows = page.getByRole("table", { name: /Students/ }).getByRole("row");
  await expect(rows).toHaveText([/Student/, /Kid1 /, /Kid2 /, /Kid10 /]);
  await checkPage(page, "staff-course-roster");

  await page.getByLabel("Student name, login or SIS id").fill(`Kid2 Order${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`1 student match “Kid2 Order${tag}”.`)).toBeVisible();
  await page.getByRole("button", { name: `Generate code for Kid2 Order${tag}` }).click();
  await expect(page.getByLabel("Pairing code", { exact: true })).toBeVisible();
  await page.getByLabel("Student name, login or SIS id").fill("nobody-by-this-name");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No students match “nobody-by-this-name”.")).toBeVisible();
});

test("an admin reads the audit log in words: who started observing whom and how, and refused codes", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const tag = uid();
  const student = await makeStudent(account.id, { name: `Sam Words${tag}` });
  const parent = await makeUser(account.id, { name: `Pat Words${tag}` });
  const { redeemPairingCode } = await import("../../lib/pairing-codes/index.ts");
  const asParent = actorFor(parent, account.id);
  await expect(redeemPairingCode(asParent, { observerId: parent.id, code: "ZZZZ-ZZZZ" })).rejects.toThrow();
  await redeemPairingCode(asParent, { observerId: parent.id, code: await codeFor(student, account.id) });

  await signIn(page, admin.login);
  await page.goto("/admin/audit");
  await page.getByLabel("User (name, login or id)").fill(parent.name);
  await page.getByRole("button", { name: "Filter" }).click();
  const table = page.getByRole("table", { name: "Audit events, newest first" });
  await expect(table).toContainText(`${parent.name} started observing ${student.name}, by pairing code.`);
  await expect(table).toContainText(
    `${parent.name} used a pairing code of ${student.name}, by pairing code.`,
  );
  await expect(table).toContainText(`${parent.name} tried a pairing code that was not accepted`);
  await expect(table.getByRole("row").filter({ hasText: "code.failed" })).toContainText(
    "Pairing code refused",
  );
  await page.getByLabel("Event", { exact: true }).selectOption({ label: "Observer linked (link.created)" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("1 event.")).toBeVisible();
  await checkPage(page, "staff-audit-words");
});

test("a teacher whose school keeps codes for admins lands on their courses and learns whom to ask", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const tag = uid();
  // The course is in a school that does not let teachers make codes (the default school's setting
  // is changed by other tests, so this one has its own school).
  const school = await makeRootAccount({ name: `Hill School ${tag}` });
  const schoolAdmin = await makeAdmin(school.id);
  const course = await makeCourse(school.id, `Room 12 ${tag}`);
  const teacher = await makeUser(account.id, { name: `Terry Teach${tag}` });
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });

  await signIn(page, teacher.login);
  await expect(page).toHaveURL(/\/courses$/);
  await expect(page.getByRole("heading", { name: "Your courses", level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Courses you teach" })).toContainText(course.name);
  await expect(page.getByRole("heading", { name: "How a parent or guardian gets connected" })).toBeVisible();
  await expect(page.getByRole("list", { name: `Admins of ${school.name}` })).toContainText(schoolAdmin.name);
  await expect(page.getByRole("link", { name: schoolAdmin.login })).toHaveAttribute(
    "href",
    `mailto:${schoolAdmin.login}`,
  );
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }),
  ).toBeVisible();
  await checkPage(page, "staff-teacher-landing");
});

test("a wrong address shows the styled 404 with a way back, signed out and signed in; the app has a favicon", async ({
  page,
  request,
}) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Observer Pairing");
  await checkPage(page, "staff-404-signed-out");
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  const res = await request.get(icon!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");

  const account = await defaultRootAccount();
  const parent = await makeUser(account.id);
  await signIn(page, parent.login);
  await page.goto("/courses/2147483647");
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  // Inside the signed-in layout: the menu is still there.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await checkPage(page, "staff-404-signed-in");
  await page.getByRole("link", { name: "Go to your home page" }).click();
  await expect(page).toHaveURL(/\/observing$/);
});
