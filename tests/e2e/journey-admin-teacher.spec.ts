import fs from "node:fs";
import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeAdmin, makeCourse, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { setDefaultAccountSettings, signIn, signOut } from "./helpers.ts";

// Journey 3: an admin finds a parent, links a student, sees the audit entry, unlinks.
test("an admin links a parent to a student, audits it and unlinks", async ({ page }) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const tag = uid();
  const parent = await makeUser(account.id, { name: `Morgan Guardian ${tag}` });
  const student = await makeStudent(account.id, { name: `Sky Pupil ${tag}` });

  await signIn(page, admin.login);
  // Admins land on the dashboard's user search.
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }),
  ).toBeVisible();
  await page.getByLabel("Name, login or SIS id").fill(`Guardian ${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("1 user match")).toBeVisible();
  await page.getByRole("link", { name: parent.name }).click();
  await expect(page.getByRole("heading", { name: parent.name, level: 1 })).toBeVisible();
  await expect(page.getByText(`${parent.name} observes nobody.`)).toBeVisible();

  const picker = page.getByRole("combobox", { name: "Student" });
  await picker.fill(`Pupil ${tag}`);
  await expect(page.getByRole("option", { name: new RegExp(student.name) })).toBeVisible();
  await picker.press("ArrowDown");
  await picker.press("Enter");
  await expect(picker).toHaveValue(student.name);
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await expect(page.getByText(`Linked. The observer now follows ${student.name}.`)).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Observes" }).getByRole("link", { name: student.name }),
  ).toBeVisible();

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("User (name, login or id)").fill(parent.name);
  await page.getByLabel("Event", { exact: true }).selectOption("link.created");
  await page.getByRole("button", { name: "Filter" }).click();
  const row = page.getByRole("row").filter({ hasText: "link.created" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(admin.name);
  await expect(row).toContainText(student.name);
  await expect(row).toContainText(
    `${parent.name} started observing ${student.name}, by ${admin.name} (school admin).`,
  );
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = fs.readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\n")[0]).toBe(
    "Time,Action,Method,Actor,Subject,Other user,Root account,IP,What happened",
  );
  expect(csv).toContain(`link.created,admin,${admin.name},${student.name},${parent.name}`);

  await page.goto("/admin/users");
  await page.getByLabel("Name, login or SIS id").fill(parent.login);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: parent.name }).click();
  await page.getByRole("button", { name: `Unlink ${student.name}` }).click();
  await page
    .getByRole("dialog", { name: "Remove this observer link?" })
    .getByRole("button", { name: "Unlink" })
    .click();
  await expect(page.getByText(`${parent.name} observes nobody.`)).toBeVisible();
});

// Journey 4: a teacher downloads the course's pairing-code CSV, and a code from it works.
test("a teacher downloads the course codes CSV and a parent uses one", async ({ page }) => {
  const account = await setDefaultAccountSettings({ teachersMayGenerateCodes: true });
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const course = await makeCourse(account.id, `Chemistry ${uid()}`);
  const teacher = await makeUser(account.id, { name: `Teacher ${uid()}` });
  await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
  const students = [];
  for (const name of [`Alex Zed ${uid()}`, `Bo Young ${uid()}`]) {
    const s = await makeUser(account.id, { name, sisUserId: `SIS-${uid()}` });
    await enrollUser({ courseId: course.id, userId: s.id, type: "student" });
    students.push(s);
  }

  await signIn(page, teacher.login);
  // Teachers never see the admin dashboard.
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }),
  ).toHaveCount(0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }).click();
  await page.getByRole("link", { name: course.name, exact: true }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /Download all students' pairing codes/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/observer_pairing_codes\.csv$/);
  const lines = fs
    .readFileSync((await file.path())!, "utf8")
    .trim()
    .split("\n");
  expect(lines[0]).toBe("Last Name,First Name,SIS ID,Pairing Code,Expires At");
  expect(lines).toHaveLength(3);
  const [last, first, , code] = lines[1].split(",");
  const student = students.find((s) => s.name.endsWith(last) || s.name.includes(`${first} `))!;
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  const response = await page.request.get("/admin");
  expect(response.status()).toBe(404);
  // Making codes is never a plain link (GET), and never a post from another site.
  const csvUrl = `/courses/${course.id}/pairing-codes.csv`;
  expect((await page.request.get(csvUrl)).status()).toBe(405);
  expect(
    (await page.request.post(csvUrl, { headers: { origin: "https://elsewhere.example" } })).status(),
  ).toBe(403);
  await signOut(page);

  const parent = await makeUser(account.id);
  await signIn(page, parent.login);
  await page.goto("/observing");
  await page.getByLabel("Student pairing code").fill(code);
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page.getByText(`You are now observing ${student.name}.`)).toBeVisible();
});

test("an admin changes an account setting, and the change is audited", async ({ page }) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  await signIn(page, admin.login);
  await page
    .getByRole("navigation", { name: "Admin" })
    .getByRole("link", { name: "Account settings" })
    .click();
  const form = page.getByRole("region", { name: account.name });
  const days = form.getByLabel("Pairing codes expire after (days)");
  await days.fill("40");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("A code may live at most 30 days.")).toBeVisible();
  await expect(days).toHaveValue("40");
  // Another lifetime and back, so codes made by tests running alongside keep the usual lifetime.
  for (const value of ["8", "7"]) {
    await days.fill(value);
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByText("Settings saved.")).toBeVisible();
  }
  // "Settings saved." is still shown from the first save while the second runs, so wait for
  // the audit log itself to show both changes.
  const audit = `/admin/audit?action=settings.changed&user=${encodeURIComponent(admin.name)}`;
  await expect
    .poll(async () => {
      await page.goto(audit);
      return page.getByRole("row").filter({ hasText: "settings.changed" }).count();
    })
    .toBe(2);
});
