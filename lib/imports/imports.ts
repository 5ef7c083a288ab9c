import "server-only";
// Bulk imports as the API, the admin page and the CLI see them: only admins of a root account,
// only in their school. Creating one stages the file and queues the job that applies it; reading
// them is in read.ts, running a dry run for real in real-run.ts.
import { pool } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError, paramError } from "../platform/errors.ts";
import { isKnownCharset } from "./decode.ts";
import { conflictingDuplicates } from "./duplicates.ts";
import { stageDiff, type Diffing } from "./diffing.ts";
import { IMPORT_TYPE_OF, type ImportType } from "./formats.ts";
import type { SisImportJson } from "./json.ts";
import { diffingForManifest, skippedNote, STUDENT_ID_FIELDS, type StudentIdField } from "./oneroster.ts";
import { enqueueImport } from "./queue.ts";
import { getSisImport, requireRootAdmin } from "./read.ts";
import { stageFiles, type ImportFile } from "./stage.ts";

export * from "./read.ts";
export { runDryRunForReal } from "./real-run.ts";

export type NewImport = {
  accountId: number;
  files: ImportFile[];
  importType?: ImportType;
  dryRun?: boolean;
  skipDeletes?: boolean;
  /** The files' character set when it is not UTF-8 (a WHATWG label: windows-1252, iso-8859-1…). */
  charset?: string;
  /** The site the request came to, for the answer's attachment URL only: emailed links use the school's origin. */
  origin?: string;
  /** Which field of a OneRoster student's row is their SIS id here (sourcedId unless told). */
  oneRosterStudentId?: StudentIdField;
  /** A snapshot of a data set, compared with its previous import (diffing.ts). */
  diffing?: Diffing;
  /** The CLI applies the import itself; everyone else leaves it to the job queue. */
  enqueue?: boolean;
};

/** POST /accounts/:id/sis_imports: stage the file(s), queue the job, return the SisImport. */
export async function createSisImport(actor: Actor, input: NewImport): Promise<SisImportJson> {
  const account = await requireRootAdmin(actor, input.accountId);
  if (input.files.length === 0 || input.files.every((f) => f.data.length === 0))
    throw new AppError("bad_request", "Attach a CSV file (or a zip of CSV files) to import.");
  if (input.charset && !isKnownCharset(input.charset))
    throw paramError("charset", `"${input.charset}" is not a character set this server knows.`);
  if (input.oneRosterStudentId && !STUDENT_ID_FIELDS.includes(input.oneRosterStudentId))
    throw paramError("oneroster_student_id", `must be one of ${STUDENT_ID_FIELDS.join(", ")}.`);
  const threshold = input.diffing?.changeThreshold;
  if (threshold !== undefined && !(Number.isInteger(threshold) && threshold >= 1 && threshold <= 100))
    throw paramError("change_threshold", "must be a whole percentage from 1 to 100.");
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
    const staged = await stageFiles(client, id, input.files, input.charset, input.oneRosterStudentId);
    const unknown = staged.files.filter((f) => f.kind === null && !f.skipped);
    const skipped = staged.files.filter((f) => f.skipped).map((f) => f.name);
    // A OneRoster manifest's processing mode decides whether users.csv is a snapshot.
    const { diffing, note } = diffingForManifest(staged.manifest, input.diffing);
    const notes = [...(skipped.length ? [skippedNote(skipped)] : []), ...(note ? [note] : [])];
    const warned = [
      ...staged.files.flatMap((f) => (f.warning ? [{ file: f.name, message: f.warning }] : [])),
      ...(await conflictingDuplicates(client, id)),
    ];
    const known = staged.files.find((f) => f.kind);
    // A file that could not be read leaves an incomplete snapshot: nothing is removed for it.
    const diff =
      diffing && known && unknown.length === 0
        ? await stageDiff(client, id, account.id, staged.totalRows, diffing)
        : null;
    if (diffing && known && !diff)
      warned.push({
        file: "",
        message: "Not compared with the data set: a file could not be read, so nothing is removed",
      });
    const errors = unknown.map((f) => ({
      file: f.name,
      message:
        f.error ??
        `Couldn't find Canvas CSV import headers (nor a family roster's or OneRoster's) in ${f.name}`,
    }));
    if (diff?.refused) errors.push({ file: "", message: diff.refused });
    await client.query(
      `UPDATE sis_imports SET files = $2, total_rows = $3, import_type = $4, error_count = $5, warning_count = $6,
              diffing_data_set_identifier = $7, diffing_remaster = $8, change_threshold = $9, diffed_against_import_id = $10
        WHERE id = $1`,
      [
        id,
        JSON.stringify(staged.files),
        staged.totalRows + (diff?.removals ?? 0),
        known ? IMPORT_TYPE_OF[known.kind!] : (input.importType ?? "instructure_csv"),
        errors.length,
        warned.length,
        diffing?.dataSet ?? null,
        !!diffing?.remaster,
        diffing?.changeThreshold ?? null,
        diff?.against ?? null,
      ],
    );
    for (const w of warned)
      await client.query(
        `INSERT INTO sis_import_messages (import_id, file, message, severity) VALUES ($1, $2, $3, 'warning')`,
        [id, w.file, w.message],
      );
    for (const n of notes)
      await client.query(
        `INSERT INTO sis_import_messages (import_id, file, message, severity) VALUES ($1, '', $2, 'info')`,
        [id, n],
      );
    for (const e of errors)
      await client.query(
        `INSERT INTO sis_import_messages (import_id, file, message, severity) VALUES ($1, $2, $3, 'error')`,
        [id, e.file, e.message],
      );
    const runs = known && !diff?.refused;
    if (!runs)
      await client.query(
        `UPDATE sis_imports SET workflow_state = 'failed_with_messages', progress = 100,
                ended_at = now() AT TIME ZONE 'UTC' WHERE id = $1`,
        [id],
      );
    await client.query("COMMIT");
    if (runs && input.enqueue !== false) await enqueueImport(id);
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return getSisImport(actor, { accountId: input.accountId, importId: id! }, input.origin);
}
