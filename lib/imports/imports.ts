import "server-only";
// Bulk imports as the API, the admin page and the CLI see them: only admins of a root account,
// only in their school. Creating one stages the file and queues the job that applies it; reading
// them is in read.ts.
import { db, pool } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../platform/errors.ts";
import { IMPORT_TYPE_OF, type ImportType } from "./formats.ts";
import type { SisImportJson } from "./json.ts";
import { enqueueImport } from "./queue.ts";
import { findImport, getSisImport, requireRootAdmin } from "./read.ts";
import { stageFiles, type ImportFile } from "./stage.ts";

export * from "./read.ts";

export type NewImport = {
  accountId: number;
  files: ImportFile[];
  importType?: ImportType;
  dryRun?: boolean;
  skipDeletes?: boolean;
  /** The site the request came to, for the answer's attachment URL only: emailed links use the school's origin. */
  origin?: string;
  /** The CLI applies the import itself; everyone else leaves it to the job queue. */
  enqueue?: boolean;
};

/** POST /accounts/:id/sis_imports: stage the file(s), queue the job, return the SisImport. */
export async function createSisImport(actor: Actor, input: NewImport): Promise<SisImportJson> {
  const account = await requireRootAdmin(actor, input.accountId);
  if (input.files.length === 0 || input.files.every((f) => f.data.length === 0))
    throw new AppError("bad_request", "Attach a CSV file (or a zip of CSV files) to import.");
  const client = await pool.connect();
  let id: number;
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO sis_imports (root_account_id, created_by_id, import_type, dry_run, skip_deletes, origin, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() AT TIME ZONE 'UTC') RETURNING id`,
      [
        account.id,
        actor.userId,
        input.importType ?? "instructure_csv",
        !!input.dryRun,
        !!input.skipDeletes,
        input.origin ?? null,
      ],
    );
    id = rows[0].id;
    const staged = await stageFiles(client, id, input.files);
    const unknown = staged.files.filter((f) => f.kind === null);
    const known = staged.files.find((f) => f.kind);
    await client.query(
      `UPDATE sis_imports SET files = $2, total_rows = $3, import_type = $4, error_count = $5 WHERE id = $1`,
      [
        id,
        JSON.stringify(staged.files),
        staged.totalRows,
        known ? IMPORT_TYPE_OF[known.kind!] : (input.importType ?? "instructure_csv"),
        unknown.length,
      ],
    );
    for (const f of unknown)
      await client.query(
        `INSERT INTO sis_import_messages (import_id, file, message, severity) VALUES ($1, $2, $3, 'error')`,
        [
          id,
          f.name,
          f.error ??
            `Couldn't find Canvas CSV import headers (nor a family roster's or OneRoster's) in ${f.name}`,
        ],
      );
    if (!known)
      await client.query(
        `UPDATE sis_imports SET workflow_state = 'failed_with_messages', progress = 100,
                ended_at = now() AT TIME ZONE 'UTC' WHERE id = $1`,
        [id],
      );
    await client.query("COMMIT");
    if (known && input.enqueue !== false) await enqueueImport(id);
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return getSisImport(actor, { accountId: input.accountId, importId: id! }, input.origin);
}

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
              error_count, source_import_id, updated_at)
       SELECT root_account_id, $2, import_type, skip_deletes, origin, files, total_rows, error_count, id,
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
              short_name, email, password_hash, observer_ref, student_ref, student_ref_type, relationship, outcome, message)
       SELECT $2, seq, file, row, kind, status, sis_user_id, login_id, name, sortable_name, short_name, email, password_hash,
              observer_ref, student_ref, student_ref_type, relationship,
              CASE WHEN outcome = 'error' AND message IS NOT NULL AND student_user_id IS NULL AND observer_user_id IS NULL
                    AND resolved_user_id IS NULL THEN outcome END,
              CASE WHEN outcome = 'error' AND student_user_id IS NULL AND observer_user_id IS NULL AND resolved_user_id IS NULL
                   THEN message END
         FROM sis_import_rows WHERE import_id = $1`,
      [found.id, id],
    );
    await client.query(
      `INSERT INTO sis_import_messages (import_id, file, row, message, severity)
       SELECT $2, file, row, message, severity FROM sis_import_messages WHERE import_id = $1 AND severity = 'error'`,
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
