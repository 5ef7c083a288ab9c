// The imports spec's school, roster and page checks.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import { pool } from "../../lib/db.ts";
import { defaultRootAccount, makeAdmin, makeCourse, uid } from "../helpers/factory.ts";

/**
 * In the school the browser signs in to: an admin, and `n` students with SIS ids `S<i>-<tag>`
 * enrolled in one course, inserted in three set-based statements (1,000 users through the
 * factory would hash 1,000 passwords).
 */
export async function familySchool(n: number) {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const course = await makeCourse(account.id);
  const tag = uid();
  const { rows } = await pool.query<{ id: number }>(
    `WITH g AS (SELECT nextval(pg_get_serial_sequence('users', 'id'))::int AS id, i FROM generate_series(1, $1::int) i),
          u AS (INSERT INTO users (id, name, sortable_name, short_name, updated_at)
                SELECT id, 'Kid ' || i || ' ' || $2, $2 || ', Kid ' || i, 'Kid ' || i, now() AT TIME ZONE 'UTC' FROM g),
          l AS (INSERT INTO logins (user_id, root_account_id, unique_id, unique_id_normalized, sis_user_id, updated_at)
                SELECT id, $3, 'kid' || i || '-' || $2 || '@school.test', 'kid' || i || '-' || $2 || '@school.test',
                       'S' || i || '-' || $2, now() AT TIME ZONE 'UTC' FROM g)
     INSERT INTO enrollments (course_id, user_id, root_account_id, type, workflow_state, updated_at)
     SELECT $4, id, $3, 'student', 'active', now() AT TIME ZONE 'UTC' FROM g RETURNING user_id AS id`,
    [n, tag, account.id, course.id],
  );
  return { account, admin, course, tag, studentIds: rows.map((r) => r.id) };
}

/**
 * A family roster for those students: the first `siblings` pairs share a guardian (so
 * n − siblings guardians), then `bad` bad rows (unknown students, one malformed email) at the end.
 */
export function roster(tag: string, n: number, opts: { siblings?: number; bad?: number } = {}) {
  const siblings = opts.siblings ?? 0;
  const lines = ["student_sis_id,guardian_email,guardian_name,guardian_sis_id,relationship"];
  for (let i = 1; i <= n; i++) {
    const g = i <= 2 * siblings ? Math.ceil(i / 2) : i - siblings;
    lines.push(`S${i}-${tag},g${g}-${tag}@home.test,Guardian ${g} ${tag},,parent`);
  }
  for (let b = 1; b <= (opts.bad ?? 0); b++)
    lines.push(
      b === 1
        ? `S1-${tag},not-an-email,Bad Email,,parent`
        : `nobody-${b}-${tag},x${b}-${tag}@home.test,X,,parent`,
    );
  return lines.join("\n") + "\n";
}

export const csv = (name: string, text: string) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(text),
});

/** Drops a file on `target` as a file dragged from the desktop would be. */
export async function dropFile(page: Page, target: Locator, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: "text/csv" }));
      return dt;
    },
    { name, text },
  );
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

/** Waits for the import on this page to finish (its progress bar at 100). */
export async function importFinished(page: Page) {
  await expect(page.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", "100", {
    timeout: 90_000,
  });
}

export async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

// As tests/e2e/a11y-screens.spec.ts: axe at phone and desktop width, no sideways scrolling, and a
// full-page screenshot for people to look at.
const SHOTS = process.env.SCREENSHOTS_DIR ?? "test-results/screens";
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
];

export async function checkPage(page: Page, name: string) {
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      `${name} at ${vp.name}`,
    ).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      `${name} overflows at ${vp.name}`,
    ).toBe(true);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${vp.name}.png`), fullPage: true });
  }
}

/** A screenshot of the page as it is, for people to look at. */
export async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
