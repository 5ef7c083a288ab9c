import "server-only";
// An import's end states: aborted by an admin, finished (with or without messages), or failed.
import type pg from "pg";
import { pool } from "../platform/db.ts";

export async function aborted(client: pg.ClientBase, id: number) {
  const { rows } = await client.query(`SELECT workflow_state FROM sis_imports WHERE id = $1`, [id]);
  return rows[0]?.workflow_state === "aborted";
}

export async function finish(client: pg.ClientBase, id: number) {
  await client.query(
    `UPDATE sis_imports SET progress = 100, ended_at = now() AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC',
            workflow_state = CASE WHEN error_count > 0 AND total_rows = 0 THEN 'failed_with_messages'
                                  WHEN error_count + warning_count > 0 THEN 'imported_with_messages'
                                  ELSE 'imported' END::"SisImportState"
      WHERE id = $1 AND workflow_state = 'importing'`,
    [id],
  );
}

/**
 * The database connection was lost (the backend was terminated, the server restarted or is
 * starting): not the import's fault. Its applied batches are committed up to its checkpoint, so it
 * is left "importing" for the job's retry or the sweep to resume, never failed for it (found by
 * tests/adversarial/faults-import.test.ts).
 */
export function isConnectionLost(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (/^(57P0[1-3]|08\d{3})$/.test(code) || ["ECONNRESET", "ECONNREFUSED", "EPIPE"].includes(code))
    return true;
  return /Connection terminated|not queryable|terminating connection/i.test(String(e?.message ?? ""));
}

export async function fail(id: number, err: unknown) {
  await pool.query(
    `WITH m AS (INSERT INTO sis_import_messages (import_id, file, message, severity)
                VALUES ($1, '', $2, 'error'))
     UPDATE sis_imports SET workflow_state = 'failed_with_messages', error_count = error_count + 1,
            ended_at = now() AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = $1 AND workflow_state = 'importing'`,
    [
      id,
      `The import stopped on an unexpected error (${(err as Error)?.message ?? "unknown"}); rows applied before it are kept.`,
    ],
  );
}
