// Issue 11, item 9: "Print this code" prints a slip for the family, and a course prints one slip
// per student — checked in print media and in a PDF Chromium makes of the page.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeAdmin, makeStudent, uid } from "../helpers/factory.ts";
import { checkPage, shot } from "./axe.ts";
import { codeFor, signIn, teacherWithCourse } from "./helpers.ts";

/** Pages in the PDF Chromium prints (each page object is `/Type /Page`, the tree is `/Pages`). */
async function printedPages(page: Page, name: string): Promise<number> {
  const pdf = await page.pdf({ format: "Letter", printBackground: true });
  fs.mkdirSync("test-results/screens", { recursive: true });
  fs.writeFileSync(path.join("test-results/screens", `${name}.pdf`), pdf);
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

test("an admin prints a code slip for a student, not the admin page", async ({ page }) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const student = await makeStudent(account.id, { name: `Ada Learner ${uid()}` });
  await signIn(page, admin.login);
  await page.goto(`/admin/users/${student.id}`);
  await page.getByRole("button", { name: "Generate pairing code" }).click();
  await expect(page.getByRole("button", { name: "Print this code" })).toBeVisible();
  const shown = page.getByRole("status").getByLabel("Pairing code", { exact: true });
  const code = ((await shown.textContent()) ?? "").trim();
  expect(code).toMatch(/^\w{4}-\w{4}$/);
  // On screen the slip is not there; the page is as it was.
  await expect(page.getByRole("article", { name: `Pairing code slip for ${student.name}` })).toBeHidden();

  await page.emulateMedia({ media: "print" });
  const slip = page.getByRole("article", { name: `Pairing code slip for ${student.name}` });
  await expect(slip).toBeVisible();
  await expect(
    slip.getByRole("heading", { name: `Observer pairing code for ${student.name}` }),
  ).toBeVisible();
  await expect(slip).toContainText(account.name);
  await expect(slip).toContainText(code);
  await expect(slip).toContainText(/Use it by .*20\d\d/);
  await expect(slip).toContainText(/\/register/);
  await expect(slip).toContainText("Enter the code above when asked for a pairing code.");
  await expect(slip.locator("svg")).toBeVisible();
  await expect(page.getByRole("heading", { name: student.name, level: 1 })).toBeHidden();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  await shot(page, "admin-code-slip-print");
  expect(await printedPages(page, "admin-code-slip")).toBe(1);
  await page.emulateMedia({ media: "screen" });
  await expect(slip).toBeHidden();
});

test("a teacher prints one slip per student for a course; at the cap it asks first", async ({ page }) => {
  const { account, course, teacher, student } = await teacherWithCourse({
    course: "Biology",
    teacher: "Tess Teacher",
    student: "Ben Pupil",
  });
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const second = await makeStudent(account.id, { name: `Cy Pupil ${uid()}` });
  await enrollUser({ courseId: course.id, userId: second.id, type: "student" });
  for (let i = 0; i < 5; i++) await codeFor(second, account.id);

  await signIn(page, teacher.login);
  await page.goto(`/courses/${course.id}`);
  await page.getByRole("button", { name: "Make code slips to print" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already has" })).toContainText(
    `1 student already has 5 active pairing codes: ${second.name}.`,
  );
  await page.getByRole("checkbox", { name: /revoke their oldest code/ }).check();
  await page.getByRole("button", { name: "Make code slips to print" }).click();
  await expect(page.getByText("2 slips are ready, one page per student.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Print slips" })).toBeVisible();
  await checkPage(page, "course-slips-ready");

  await page.emulateMedia({ media: "print" });
  for (const s of [student, second])
    await expect(page.getByRole("article", { name: `Pairing code slip for ${s.name}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Make code slips to print" })).toBeHidden();
  await shot(page, "course-code-slips-print");
  expect(await printedPages(page, "course-code-slips")).toBe(2);
});
