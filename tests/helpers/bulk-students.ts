// Many students at once, in plain SQL (the factory's one-by-one users hash a password each).
import { pool } from "../../lib/platform/db.ts";

/** `n` students with SIS ids `${prefix}${i}`, each enrolled (active) in the course. */
export async function bulkStudents(rootAccountId: number, courseId: number, n: number, prefix: string) {
  const { rows } = await pool.query<{ id: number }>(
    `WITH u AS (
       INSERT INTO users (name, sortable_name, short_name, updated_at)
       SELECT 'Kid' || i || ' ' || $2, $2 || ', Kid' || i, 'Kid' || i, now() FROM generate_series(1, $1::int) i
       RETURNING id, short_name),
     l AS (
       INSERT INTO logins (user_id, root_account_id, unique_id, unique_id_normalized, sis_user_id, updated_at)
       SELECT id, $3, lower($2 || '-' || short_name) || '@kids.test', lower($2 || '-' || short_name) || '@kids.test',
              $2 || substr(short_name, 4), now() FROM u)
     INSERT INTO enrollments (course_id, user_id, root_account_id, type, workflow_state, updated_at)
     SELECT $4, id, $3, 'student', 'active', now() FROM u RETURNING user_id AS id`,
    [n, prefix, rootAccountId, courseId],
  );
  return rows.map((r) => r.id);
}

/** A roster of one guardian per student (`${prefix}${i}`), guardian i shared by students i and i+1 when i is odd. */
export function rosterLines(prefix: string, n: number): string[] {
  const lines = ["student_sis_id,guardian_email,guardian_name"];
  for (let i = 1; i <= n; i++) {
    const g = i % 2 === 0 ? i - 1 : i; // siblings: 1&2 share guardian 1, 3&4 guardian 3, …
    lines.push(`${prefix}${i},guardian${g}.${prefix.toLowerCase()}@home.test,Guardian ${g}`);
  }
  return lines;
}
