import "server-only";
// Staging: an uploaded file (or a zip of them) is read as a stream, recognised by its header and
// written into sis_import_rows a few thousand rows per statement, so the job that applies it can
// work in batches, resume after a crash, and never hold the whole file in memory.
import { parse } from "csv-parse";
import { unzipSync } from "fflate";
import type pg from "pg";
import { hashPassword } from "../passwords.ts";
import { shortNameOf, sortableNameOf } from "../provisioning.ts";
import { detectKind, KIND_ORDER, normaliseRow, type FileKind, type StagedRow } from "./formats.ts";

export type ImportFile = { name: string; data: Uint8Array };
export type StagedFile = { name: string; kind: FileKind | null; rows: number };
export type StageResult = { files: StagedFile[]; totalRows: number };

const CHUNK = 2000;
const isZip = (d: Uint8Array) => d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;

/** A zip becomes its CSV entries (folders and macOS metadata left out); anything else is itself. */
export function expandFiles(files: ImportFile[]): ImportFile[] {
  return files.flatMap((f) => {
    if (!isZip(f.data)) return [f];
    const entries = unzipSync(f.data, {
      filter: (e) => e.name.toLowerCase().endsWith(".csv") && !e.name.startsWith("__MACOSX/"),
    });
    return Object.entries(entries).map(([name, data]) => ({ name: name.split("/").pop() ?? name, data }));
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
    col((r) => r.name ?? null),
    col((r) => r.sortableName ?? (r.name ? sortableNameOf(r.name) : null)),
    col((r) => r.shortName ?? (r.name ? shortNameOf(r.name) : null)),
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
  const files = await Promise.all(
    expandFiles(input).map(async (f) => ({ ...f, kind: detectKind(await readHeader(f.data)) })),
  );
  files.sort((a, b) => rank(a.kind) - rank(b.kind));
  let seq = 0;
  const staged: StagedFile[] = [];
  for (const f of files) {
    if (!f.kind) {
      staged.push({ name: f.name, kind: null, rows: 0 });
      continue;
    }
    let chunk: StagedRow[] = [];
    let count = 0;
    const flush = async () => {
      if (!chunk.length) return;
      await insertChunk(client, importId, seq + 1, f.name, chunk);
      seq += chunk.length;
      count += chunk.length;
      chunk = [];
    };
    for await (const { record, info } of parse(Buffer.from(f.data), csvOptions)) {
      chunk.push(...normaliseRow(f.kind, record as Record<string, string>, info.lines));
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    staged.push({ name: f.name, kind: f.kind, rows: count });
  }
  return { files: staged, totalRows: seq };
}

const rank = (k: FileKind | null) => (k === null ? KIND_ORDER.length : KIND_ORDER.indexOf(k));
