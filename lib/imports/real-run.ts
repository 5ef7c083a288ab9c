import "server-only";
// A finished dry run run for real: a new import of the same staged rows, made once.
import { db, pool } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../platform/errors.ts";
import { enqueueImport } from "./queue.ts";
import { findImport, getSisImport } from "./read.ts";

/**
 * Runs a finished dry run for real: a new import of the same staged rows. Once only: asking again
 * (a double click, a second tab) returns the run already made.
 */
export async function runDryRunForReal(
  actor: Actor,
  input: { accountId: number; importId: number },
  base = "",
) {
  const found = await findImport(actor, input.accountId, input.importId);
  if (!found.dryRun) throw new AppError("bad_request", "Only a dry run can be run for real.");
  if (!["imported", "imported_with_messages"].includes(found.workflowState))
    throw new AppError("bad_request", "Wait for the dry run to finish before running it for real.");
  const client = await pool.connect();
  let id: number;
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO sis_imports (root_account_id, created_by_id, import_type, skip_deletes, origin, files, total_rows,
              error_count, source_import_id, diffing_data_set_identifier, diffing_remaster, change_threshold, diffed_against_import_id,
              warning_count, updated_at)
       SELECT root_account_id, $2, import_type, skip_deletes, origin, files, total_rows, error_count, id,
              diffing_data_set_identifier, diffing_remaster, change_threshold, diffed_against_import_id,
              (SELECT count(*) FROM sis_import_messages m WHERE m.import_id = $1 AND m.severity = 'warning' AND m.row IS NULL),
              now() AT TIME ZONE 'UTC'
         FROM sis_imports WHERE id = $1
       ON CONFLICT (source_import_id) DO NOTHING RETURNING id`,
      [found.id, actor.userId],
    );
    if (rows.length === 0) {
      await client.query("ROLLBACK");
      const made = await db.sisImport.findUniqueOrThrow({
        where: { sourceImportId: found.id },
        select: { id: true },
      });
      return getSisImport(actor, { accountId: input.accountId, importId: made.id }, base);
    }
    id = rows[0].id;
    await client.query(
      `INSERT INTO sis_import_rows (import_id, seq, file, row, kind, status, sis_user_id, login_id, name, sortable_name,
              short_name, email, password_hash, observer_ref, student_ref, student_ref_type, relationship, course_ref, confirm_student_observer,
              outcome, message)
       SELECT $2, seq, file, row, kind, status, sis_user_id, login_id, name, sortable_name, short_name, email, password_hash,
              observer_ref, student_ref, student_ref_type, relationship, course_ref, confirm_student_observer,
              CASE WHEN outcome = 'error' AND message IS NOT NULL AND student_user_id IS NULL AND observer_user_id IS NULL
                    AND resolved_user_id IS NULL THEN outcome END,
              CASE WHEN outcome = 'error' AND student_user_id IS NULL AND observer_user_id IS NULL AND resolved_user_id IS NULL
                   THEN message END
         FROM sis_import_rows WHERE import_id = $1`,
      [found.id, id],
    );
    await client.query(
      `INSERT INTO sis_import_messages (import_id, file, row, message, severity)
       SELECT $2, file, row, message, severity FROM sis_import_messages
        WHERE import_id = $1 AND (severity = 'error' OR row IS NULL)`,
      [found.id, id],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  await enqueueImport(id!);
  return getSisImport(actor, { accountId: input.accountId, importId: id! }, base);
}
