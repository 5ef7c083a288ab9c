import "server-only";
// Staging: an uploaded file (or a zip of them) is read as a stream, recognised by its header and
// written into sis_import_rows a few thousand rows per statement, so the job that applies it can
// work in batches, resume after a crash, and never hold the whole file in memory.
import { parse } from "csv-parse";
import { Readable } from "node:stream";
import type pg from "pg";
import { hashPassword, newPasswordProblem } from "../identity/passwords.ts";
import { shortNameOf, sortableNameOf } from "../users/name.ts";
import { cleanName, cleanNameOrNull } from "../users/name.ts";
import {
  decodeFiles,
  expandFiles,
  readHeader,
  type Delimiter,
  type ImportFile,
  type Unreadable,
} from "./files.ts";
import {
  detectKind,
  KIND_ORDER,
  missingColumns,
  normaliseRow,
  type FileKind,
  type StagedRow,
} from "./formats.ts";

export type { ImportFile };
/** `error`: why the file could not be read (then nothing of it is staged); `warning`: staged, but look. */
export type StagedFile = {
  name: string;
  kind: FileKind | null;
  rows: number;
  error?: string;
  warning?: string;
};
export type StageResult = { files: StagedFile[]; totalRows: number };

const CHUNK = 2000;

const csvOptions = {
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
  // A row of empty cells (a spreadsheet's formatted but unused lines) is no row at all.
  skip_records_with_empty_values: true,
  trim: true,
  info: true,
  columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
} as const;

const COLUMNS = [
  ["file", "text"],
  ["row", "int"],
  ["kind", "text"],
  ["status", "text"],
  ["sis_user_id", "text"],
  ["login_id", "text"],
  ["name", "text"],
  ["sortable_name", "text"],
  ["short_name", "text"],
  ["email", "text"],
  ["password_hash", "text"],
  ["observer_ref", "text"],
  ["student_ref", "text"],
  ["student_ref_type", "text"],
  ["relationship", "text"],
  ["course_ref", "text"],
  ["confirm_student_observer", "bool"],
  ["outcome", "text"],
  ["message", "text"],
] as const;

const INSERT_SQL = `
  INSERT INTO sis_import_rows (import_id, seq, ${COLUMNS.map(([c]) => c).join(", ")})
  SELECT $1, $2 + ord, ${COLUMNS.map(([c]) => `u.${c}`).join(", ")}
    FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 3}::${t}[]`).join(", ")})
         WITH ORDINALITY AS u(${COLUMNS.map(([c]) => c).join(", ")}, ord)`;

async function insertChunk(
  client: pg.ClientBase,
  importId: number,
  firstSeq: number,
  file: string,
  rows: StagedRow[],
) {
  // A password set by the school follows the rule everyone's does (lib/identity/passwords.ts).
  for (const r of rows) {
    const weak = r.password && !r.message && newPasswordProblem(r.password, r.email ?? r.loginId ?? "");
    if (weak) r.message = `The password for user ${r.sisUserId} does not follow the password rules: ${weak}`;
  }
  const hashes = await Promise.all(
    rows.map((r) => (r.password && !r.message ? hashPassword(r.password) : null)),
  );
  const col = <T>(f: (r: StagedRow, i: number) => T) => rows.map(f);
  await client.query(INSERT_SQL, [
    importId,
    firstSeq - 1,
    col(() => file),
    col((r) => r.row),
    col((r) => r.kind),
    col((r) => r.status ?? null),
    col((r) => r.sisUserId ?? null),
    col((r) => r.loginId ?? null),
    col((r) => cleanNameOrNull(r.name)),
    col((r) => cleanNameOrNull(r.sortableName) ?? (r.name ? sortableNameOf(cleanName(r.name)) : null)),
    col((r) => cleanNameOrNull(r.shortName) ?? (r.name ? shortNameOf(cleanName(r.name)) : null)),
    col((r) => r.email ?? null),
    col((_r, i) => hashes[i]),
    col((r) => r.observerRef ?? null),
    col((r) => r.studentRef ?? null),
    col((r) => r.studentRefType ?? null),
    col((r) => r.relationship ?? null),
    col((r) => r.courseRef ?? null),
    col((r) => !!r.confirmStudentObserver),
    col((r) => (r.message ? "error" : null)),
    col((r) => r.message ?? null),
  ]);
}

/**
 * Stages every recognised file of an import, in Canvas's order (users before user_observers), and
 * records a message for each file it does not recognise. Runs in the caller's transaction.
 */
export async function stageFiles(
  client: pg.ClientBase,
  importId: number,
  input: ImportFile[],
  charset?: string,
): Promise<StageResult> {
  const expanded = decodeFiles(await expandFiles(input), charset);
  const staged: StagedFile[] = expanded
    .filter((f): f is Unreadable => "error" in f)
    .map((f) => ({ name: f.name, kind: null, rows: 0, error: f.error }));
  const files = await Promise.all(
    expanded
      .filter((f): f is ImportFile => "data" in f)
      .map(async (f) => {
        const { headers, delimiter } = await readHeader(f.data);
        return { ...f, headers, delimiter, kind: detectKind(headers) };
      }),
  );
  files.sort((a, b) => rank(a.kind) - rank(b.kind));
  let seq = 0;
  for (const f of files) {
    if (!f.kind) {
      const near = missingColumns(f.headers);
      const error = near
        ? `${f.name} looks like a ${near.label} but has no ${near.missing.join(", no ")} column`
        : undefined;
      staged.push({ name: f.name, kind: null, rows: 0, error });
      continue;
    }
    const first = seq;
    try {
      const out = await stageOne(client, importId, f, f.kind, seq, f.delimiter);
      seq = out.seq;
      const warning = out.records === 0 ? `${f.name} has a header but no data rows` : undefined;
      staged.push({ name: f.name, kind: f.kind, rows: seq - first, warning });
    } catch (err) {
      // A broken CSV (an unclosed quote…) is refused whole, not half imported.
      await client.query(`DELETE FROM sis_import_rows WHERE import_id = $1 AND seq > $2`, [importId, first]);
      seq = first;
      const why = (err as Error).message.split("\n")[0].slice(0, 200);
      staged.push({ name: f.name, kind: null, rows: 0, error: `Couldn't read ${f.name}: ${why}` });
    }
  }
  return { files: staged, totalRows: seq };
}

/** Streams one file's rows into staging after `seq`; returns the last seq used. */
async function stageOne(
  client: pg.ClientBase,
  importId: number,
  f: ImportFile,
  kind: FileKind,
  seq: number,
  delimiter: Delimiter,
) {
  let records = 0;
  let chunk: StagedRow[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    await insertChunk(client, importId, seq + 1, f.name, chunk);
    seq += chunk.length;
    chunk = [];
  };
  const slices = function* () {
    for (let o = 0; o < f.data.length; o += 1 << 16) yield f.data.subarray(o, o + (1 << 16));
  };
  for await (const { record, info } of Readable.from(slices()).pipe(parse({ ...csvOptions, delimiter }))) {
    records++;
    chunk.push(...normaliseRow(kind, record as Record<string, string>, info.lines));
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return { seq, records };
}

const rank = (k: FileKind | null) => (k === null ? KIND_ORDER.length : KIND_ORDER.indexOf(k));
