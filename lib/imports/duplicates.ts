import "server-only";
// Rows of one file that name the same pair (or the same user) but disagree — active here, deleted
// there; two spellings of a name — are a mistake in the export that no order of applying can
// settle: each is warned about once the file is staged, so the data manager checks it at the source.
import type pg from "pg";

const KEY = `CASE kind WHEN 'family' THEN 'guardian ' || lower(login_id) || ' and student ' || student_ref
                       WHEN 'user_observer' THEN 'observer ' || observer_ref || ' and student ' || student_ref
                       WHEN 'enrollment' THEN 'observer ' || observer_ref || ' and student ' || student_ref || ' in course ' || course_ref
                       WHEN 'user' THEN 'user ' || sis_user_id END`;

/** One warning per disagreeing group of rows (at most 100), naming the rows and what differs. */
export async function conflictingDuplicates(
  client: pg.ClientBase,
  importId: number,
): Promise<{ file: string; message: string }[]> {
  const { rows } = await client.query<{ file: string; key: string; rows: number[]; what: string[] }>(
    `SELECT file, key, array_agg(DISTINCT row ORDER BY row) AS rows,
            array_remove(ARRAY[
              CASE WHEN count(DISTINCT status) > 1 THEN 'status' END,
              CASE WHEN count(DISTINCT name) > 1 THEN 'name' END,
              CASE WHEN count(DISTINCT lower(login_id)) > 1 THEN 'login' END], NULL) AS what
       FROM (SELECT file, row, status, name, login_id, ${KEY} AS key
               FROM sis_import_rows WHERE import_id = $1 AND outcome IS NULL) x
      WHERE key IS NOT NULL
      GROUP BY file, key
     HAVING count(DISTINCT status) > 1 OR count(DISTINCT name) > 1 OR count(DISTINCT lower(login_id)) > 1
      ORDER BY min(row) LIMIT 100`,
    [importId],
  );
  return rows.map((r) => ({
    file: r.file,
    message: `Rows ${r.rows.join(", ")} of ${r.file} disagree about ${r.key} (${r.what.join(", ")}): check which is right`,
  }));
}
