import fs from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures.ts";
import {
  defaultRootAccount,
  makeAdmin,
  makeStudent,
  makeUser,
  TEST_PASSWORD,
  uid,
} from "../helpers/factory.ts";
import { codeFor, tabTo, teacherWithCourse } from "./helpers.ts";

// The journeys again with the keyboard alone: Tab to reach things, typing, Enter, arrows, Escape.

// Tabbing through a whole admin page one key at a time takes most of a minute on a loaded 2-core
// machine (the admin user page gained a "Send password link" stop): allow what the other
// page-walking specs allow.
test.describe.configure({ timeout: 180_000 });

async function keyboardSignIn(page: Page, login: string) {
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(login);
  await page.keyboard.press("Tab");
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

test("keyboard: student makes a code, a parent registers with it and unlinks", async ({ page }) => {
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Kim ${uid()}` });
  await keyboardSignIn(page, student.login);
  await tabTo(page, page.getByRole("link", { name: "Settings" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Pair with Observer" }));
  await page.keyboard.press("Enter");
  const code = (await page.getByLabel("Pairing code", { exact: true }).textContent())?.trim() ?? "";
  expect(code).toMatch(/^\w{4}-\w{4}$/);
  // The revoke dialog opens, traps focus and closes with Escape.
  await tabTo(page, page.getByRole("button", { name: `Revoke code ending ${code.slice(-4)}` }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Revoke this pairing code?" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await tabTo(page, page.getByRole("button", { name: "Sign out" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await tabTo(page, page.getByRole("link", { name: "Create an account" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByLabel("Your full name"));
  const parentName = `Kai Parent ${uid()}`;
  await page.keyboard.type(parentName);
  await page.keyboard.press("Tab");
  await page.keyboard.type(`kai-${uid()}@test.example`);
  await page.keyboard.press("Tab");
  await page.keyboard.type("correct-horse-battery");
  await page.keyboard.press("Tab");
  await page.keyboard.type(code.toLowerCase());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/observing\?added=\d+$/);
  await expect(page.getByText(`You are now observing ${student.name}.`)).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Students you observe" }).getByText(student.name, { exact: true }),
  ).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: `Unlink ${student.name}` }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Stop observing ${student.name}?` });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Unlink" }), 5);
  await page.keyboard.press("Enter");
  await expect(page.getByText("You are not observing any students yet")).toBeVisible();
});

test("keyboard: a parent adds a student by code; an admin links with the search-as-you-type picker", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const tag = uid();
  const student = await makeStudent(account.id, { name: `Lane Pupil ${tag}` });
  const parent = await makeUser(account.id, { name: `Lee Guardian ${tag}` });
  await keyboardSignIn(page, parent.login);
  await tabTo(page, page.getByLabel("Student pairing code"));
  await page.keyboard.type(await codeFor(student, account.id));
  await page.keyboard.press("Enter");
  await expect(page.getByText(`You are now observing ${student.name}.`)).toBeVisible();

  const other = await makeStudent(account.id, { name: `Lou Pupil ${tag}` });
  const admin = await makeAdmin(account.id);
  await page.context().clearCookies();
  await keyboardSignIn(page, admin.login);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await tabTo(page, page.getByLabel("Name, login or SIS id"));
  await page.keyboard.type(parent.login);
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: parent.name }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("combobox", { name: "Student" }));
  await page.keyboard.type(`Lou Pupil ${tag}`);
  await expect(page.getByRole("option", { name: new RegExp(other.name) })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Link", exact: true }));
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("list", { name: "Observes" }).getByRole("link", { name: other.name }),
  ).toBeVisible();

  // The audit log shows the link; then the admin unlinks it, confirming in the dialog.
  const userPage = page.url();
  await tabTo(page, page.getByRole("link", { name: "Audit log" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByLabel("User (name, login or id)"));
  await page.keyboard.type(parent.name);
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("row").filter({ hasText: "link.created" }).filter({ hasText: other.name }),
  ).toHaveCount(1);
  await page.goto(userPage);
  await tabTo(page, page.getByRole("button", { name: `Unlink ${other.name}` }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Remove this observer link?" });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Unlink" }), 5);
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("list", { name: "Observes" }).getByRole("link", { name: other.name }),
  ).toHaveCount(0);
});

test("keyboard: a teacher downloads the course codes CSV; a parent is throttled after wrong codes", async ({
  page,
}) => {
  const { account, course, teacher } = await teacherWithCourse({
    course: "Physics",
    teacher: "Tess Teacher",
    student: "Pat Pupil",
  });

  await keyboardSignIn(page, teacher.login);
  await expect(page).toHaveURL(/\/courses$/);
  await tabTo(page, page.getByRole("link", { name: course.name, exact: true }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: /Download all students' pairing codes/ }));
  const download = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  const lines = fs
    .readFileSync((await (await download).path())!, "utf8")
    .trim()
    .split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/,[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4},/);

  const parent = await makeUser(account.id);
  await page.context().clearCookies();
  await keyboardSignIn(page, parent.login);
  await tabTo(page, page.getByLabel("Student pairing code"));
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(`YYYY-${1000 + i}`);
    await page.keyboard.press("Enter");
    await expect(page.getByText("Invalid pairing code.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add student" })).toBeEnabled();
    await tabTo(page, page.getByLabel("Student pairing code"));
  }
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("YYYY-9999");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Too many attempts\. Try again in \d+ minutes?\./).first()).toBeVisible();
});
