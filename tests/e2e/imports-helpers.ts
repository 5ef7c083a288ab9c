// The imports spec's school, roster and page checks.
import { expect, type Locator, type Page } from "@playwright/test";
import { pool } from "../../lib/platform/db.ts";
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

export { checkPage, shot } from "./axe.ts";
