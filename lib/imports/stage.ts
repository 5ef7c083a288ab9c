import "server-only";
// Staging: an uploaded file (or a zip of them) is read as a stream, recognised by its header and
// written into sis_import_rows a few thousand rows per statement, so the job that applies it can
// work in batches, resume after a crash, and never hold the whole file in memory.
import { parse } from "csv-parse";
import { Readable } from "node:stream";
import type pg from "pg";
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
import {
  addStudentRow,
  isManifest,
  isOtherOneRosterFile,
  readManifest,
  type OneRosterContext,
  type StudentIdField,
} from "./oneroster.ts";
import { insertChunk } from "./stage-rows.ts";

export type { ImportFile };
/** `error`: why the file could not be read (then nothing of it is staged); `warning`: staged, but look. */
export type StagedFile = {
  name: string;
  kind: FileKind | null;
  rows: number;
  error?: string;
  warning?: string;
  /** A OneRoster file that does not concern observers, left unread (oneroster.ts). */
  skipped?: boolean;
};
export type StageResult = { files: StagedFile[]; totalRows: number; manifest: Map<string, string> | null };

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

/**
 * Stages every recognised file of an import, in Canvas's order (users before user_observers), and
 * records a message for each file it does not recognise. Runs in the caller's transaction.
 */
export async function stageFiles(
  client: pg.ClientBase,
  importId: number,
  input: ImportFile[],
  charset?: string,
  studentIdField: StudentIdField = "sourcedId",
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
  const bundle = files.some((f) => f.kind === "oneroster_users" || isManifest(f.headers));
  let manifest: Map<string, string> | null = null;
  let seq = 0;
  for (const f of files) {
    if (!f.kind && isManifest(f.headers)) manifest = readManifest(f.data);
    if (!f.kind && bundle && isOtherOneRosterFile(f.name)) {
      staged.push({ name: f.name, kind: null, rows: 0, skipped: true });
      continue;
    }
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
      const ctx = f.kind === "oneroster_users" ? await oneRosterContext(f, studentIdField) : undefined;
      const out = await stageOne(client, importId, f, f.kind, seq, ctx);
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
  return { files: staged, totalRows: seq, manifest };
}

/** Streams one file's rows into staging after `seq`; returns the last seq used. */
async function stageOne(
  client: pg.ClientBase,
  importId: number,
  f: ImportFile & { delimiter: Delimiter },
  kind: FileKind,
  seq: number,
  ctx?: OneRosterContext,
) {
  let records = 0;
  let chunk: StagedRow[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    await insertChunk(client, importId, seq + 1, f.name, chunk);
    seq += chunk.length;
    chunk = [];
  };
  for await (const { record, info } of records_(f)) {
    records++;
    chunk.push(...normaliseRow(kind, record as Record<string, string>, info.lines, ctx));
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return { seq, records };
}

/** A file's records, parsed as a stream of 64 kB slices. */
function records_(f: ImportFile & { delimiter: Delimiter }) {
  const slices = function* () {
    for (let o = 0; o < f.data.length; o += 1 << 16) yield f.data.subarray(o, o + (1 << 16));
  };
  return Readable.from(slices()).pipe(parse({ ...csvOptions, delimiter: f.delimiter }));
}

/** A first pass over a OneRoster users.csv: its students' SIS ids and the guardians their rows name. */
async function oneRosterContext(f: ImportFile & { delimiter: Delimiter }, field: StudentIdField) {
  const ctx: OneRosterContext = { sisIdOf: new Map(), studentsOf: new Map() };
  for await (const { record } of records_(f)) addStudentRow(ctx, record as Record<string, string>, field);
  return ctx;
}

const rank = (k: FileKind | null) => (k === null ? KIND_ORDER.length : KIND_ORDER.indexOf(k));
