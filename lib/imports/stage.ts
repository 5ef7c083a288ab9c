import "server-only";
// Staging: an uploaded file (or a zip of them) is read as a stream, recognised by its header and
// written into sis_import_rows a few thousand rows per statement, so the job that applies it can
// work in batches, resume after a crash, and never hold the whole file in memory.
import { parse } from "csv-parse";
import { Readable } from "node:stream";
import { unzipSync } from "fflate";
import type pg from "pg";
import { hashPassword, newPasswordProblem } from "../identity/passwords.ts";
import { shortNameOf, sortableNameOf } from "../users/name.ts";
import { cleanName, cleanNameOrNull } from "../users/name.ts";
import { detectKind, KIND_ORDER, normaliseRow, type FileKind, type StagedRow } from "./formats.ts";

export type ImportFile = { name: string; data: Uint8Array };
/** `error`: why the file could not be read (then nothing of it is staged). */
export type StagedFile = { name: string; kind: FileKind | null; rows: number; error?: string };
export type StageResult = { files: StagedFile[]; totalRows: number };

const CHUNK = 2000;
const isZip = (d: Uint8Array) => d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;

// A zip may not expand past this (Canvas refuses more than 100× its size): a bomb stays a zip.
const MAX_EXPANSION = 100;
const MAX_EXPANDED_BYTES = 500 * 1024 * 1024;

/** A file that could not be read: recorded as the import's message, never a 500. */
type Unreadable = { name: string; error: string };

/** A zip becomes its CSV entries (folders and macOS metadata left out); anything else is itself. */
export function expandFiles(files: ImportFile[]): (ImportFile | Unreadable)[] {
  return files.flatMap((f): (ImportFile | Unreadable)[] => {
    if (!isZip(f.data)) return [f];
    let expanded = 0;
    try {
      const entries = unzipSync(f.data, {
        filter: (e) => {
          const wanted = e.name.toLowerCase().endsWith(".csv") && !e.name.startsWith("__MACOSX/");
          if (wanted) expanded += e.originalSize;
          if (expanded > Math.min(MAX_EXPANDED_BYTES, MAX_EXPANSION * f.data.length))
            throw new Error("it expands to more than 100 times its size");
          return wanted;
        },
      });
      const csvs = Object.entries(entries).map(([name, data]) => ({
        name: name.split("/").pop() ?? name,
        data,
      }));
      return csvs.length ? csvs : [{ name: f.name, error: `The zip file ${f.name} holds no CSV files` }];
    } catch (err) {
      return [{ name: f.name, error: `Couldn't read the zip file ${f.name}: ${(err as Error).message}` }];
    }
  });
}

const csvOptions = {
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
  trim: true,
  info: true,
  columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
} as const;

/** The header row of a CSV file (an empty list when it has none or cannot be read). */
export async function readHeader(data: Uint8Array): Promise<string[]> {
  const parser = parse(Buffer.from(data), { bom: true, to_line: 1, relax_column_count: true });
  try {
    for await (const record of parser) return (record as string[]).map((h) => h.trim());
  } catch {
    return [];
  }
  return [];
}

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
): Promise<StageResult> {
  const expanded = expandFiles(input);
  const staged: StagedFile[] = expanded
    .filter((f): f is Unreadable => "error" in f)
    .map((f) => ({ name: f.name, kind: null, rows: 0, error: f.error }));
  const files = await Promise.all(
    expanded
      .filter((f): f is ImportFile => "data" in f)
      .map(async (f) => ({ ...f, kind: detectKind(await readHeader(f.data)) })),
  );
  files.sort((a, b) => rank(a.kind) - rank(b.kind));
  let seq = 0;
  for (const f of files) {
    if (!f.kind) {
      staged.push({ name: f.name, kind: null, rows: 0 });
      continue;
    }
    const first = seq;
    try {
      seq = await stageOne(client, importId, f, f.kind, seq);
      staged.push({ name: f.name, kind: f.kind, rows: seq - first });
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
async function stageOne(client: pg.ClientBase, importId: number, f: ImportFile, kind: FileKind, seq: number) {
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
  for await (const { record, info } of Readable.from(slices()).pipe(parse(csvOptions))) {
    chunk.push(...normaliseRow(kind, record as Record<string, string>, info.lines));
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return seq;
}

const rank = (k: FileKind | null) => (k === null ? KIND_ORDER.length : KIND_ORDER.indexOf(k));
