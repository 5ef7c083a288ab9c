import { test, expect } from "./fixtures.ts";
import { db } from "../../lib/platform/db.ts";
import { defaultRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { spendSchoolBudget } from "../helpers/throttle.ts";
import { codeFor, signIn } from "./helpers.ts";

// While the school's guessing budget is spent, the code forms solve the challenge by themselves:
// the family only waits a moment, told so, and links (issue 10, item 3).
test.describe.configure({ mode: "serial" });

test("a parent adds a student while the school is under a guessing attack", async ({ page }) => {
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Under Attack ${uid()}` });
  const parent = await makeUser(account.id, { name: `Patient Parent ${uid()}` });
  const code = await codeFor(student, account.id);
  await signIn(page, parent.login);
  await page.goto("/observing");
  await spendSchoolBudget(account.id);
  try {
    // The "Checking…" status shows only while the browser solves: a lucky solve takes milliseconds,
    // too short to catch by polling, so the page notes every status text it ever shows.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { statusesSeen: string[] }).statusesSeen = []);
      new MutationObserver(() =>
        document.querySelectorAll('[role="status"]').forEach((el) => seen.push(el.textContent ?? "")),
      ).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel("Student pairing code").fill(code);
    await page.getByRole("button", { name: "Add student" }).click();
    await expect(page.getByText(`You are now observing ${student.name}.`)).toBeVisible({ timeout: 60_000 });
    const seen = await page.evaluate(() => (window as unknown as { statusesSeen: string[] }).statusesSeen);
    expect(seen.some((t) => t.includes("Checking…"))).toBe(true);
  } finally {
    await db.$executeRaw`DELETE FROM rate_limit_counters WHERE key = ${`guess:school:${account.id}`}`;
  }
});

test("a new family registers while the school is under a guessing attack", async ({ page }) => {
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Under Attack ${uid()}` });
  const code = await codeFor(student, account.id);
  await page.goto(`/register?code=${code}`);
  await spendSchoolBudget(account.id);
  try {
    await page.getByLabel("Your full name").fill(`Registering Parent ${uid()}`);
    await page.getByLabel("Email").fill(`attack-${uid()}@test.example`);
    await page.getByLabel("Password").fill("a-long-enough-passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    // Registering with a code lands on the Observing page saying who was added.
    await expect(page).toHaveURL(/\/observing\?added=\d+$/, { timeout: 60_000 });
    await expect(page.getByText(`You are now observing ${student.name}.`)).toBeVisible();
    await expect(
      page.getByRole("list", { name: "Students you observe" }).getByText(student.name),
    ).toBeVisible();
  } finally {
    await db.$executeRaw`DELETE FROM rate_limit_counters WHERE key = ${`guess:school:${account.id}`}`;
  }
});
