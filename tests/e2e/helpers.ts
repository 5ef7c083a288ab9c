import { execFileSync } from "node:child_process";
import { expect, type Locator, type Page } from "@playwright/test";
import { TEST_PASSWORD } from "../helpers/factory.ts";

export async function signIn(page: Page, login: string, password = TEST_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

/** A token made exactly as the README says: `npm run --silent cli -- token create --login …`. */
export function cliToken(login: string): string {
  const out = execFileSync("npm", ["run", "--silent", "cli", "--", "token", "create", "--login", login], {
    env: { ...process.env, NODE_OPTIONS: "" },
    encoding: "utf8",
  });
  return out.trim();
}

/** Sets settings of the default root account (the one the browser's host answers to). */
export async function setDefaultAccountSettings(data: {
  teachersMayGenerateCodes?: boolean;
  studentsMayRemoveObservers?: boolean;
  teachersMayLinkObservers?: boolean;
}) {
  const { db } = await import("../../lib/platform/db.ts");
  const { defaultRootAccount } = await import("../helpers/factory.ts");
  const account = await defaultRootAccount();
  await db.account.update({ where: { id: account.id }, data });
  return account;
}

/** A pairing code made directly through the domain function (the student acting for themself). */
export async function codeFor(student: { id: number; name: string }, rootAccountId: number): Promise<string> {
  const { createPairingCode } = await import("../../lib/pairing-codes/index.ts");
  const { actorFor } = await import("../helpers/factory.ts");
  return (await createPairingCode(actorFor(student, rootAccountId), { studentId: student.id })).code;
}

/** In the default root account, with teachers allowed to make codes: a course, its teacher and one student. */
export async function teacherWithCourse(names: { course: string; teacher: string; student: string }) {
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const { makeCourse, makeStudent, makeUser, uid } = await import("../helpers/factory.ts");
  const account = await setDefaultAccountSettings({ teachersMayGenerateCodes: true });
  const course = await makeCourse(account.id, `${names.course} ${uid()}`);
  const teacher = await makeUser(account.id, { name: `${names.teacher} ${uid()}` });
  await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
  const student = await makeStudent(account.id, { name: `${names.student} ${uid()}` });
  await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
  return { account, course, teacher, student };
}

/** Presses Tab until `target` has focus (keyboard-only journeys). */
export async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}
