import "server-only";
// Staged rows written to sis_import_rows, a few thousand per statement (one unnest per column).
import type pg from "pg";
import { hashPassword, newPasswordProblem } from "../identity/passwords.ts";
import { cleanName, cleanNameOrNull, shortNameOf, sortableNameOf } from "../users/name.ts";
import type { StagedRow } from "./formats.ts";

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

/** Writes a chunk of one file's rows into staging from `firstSeq` on (passwords hashed here). */
export async function insertChunk(
  client: pg.ClientBase,
  importId: number,
  firstSeq: number,
  file: string,
  rows: StagedRow[],
) {
  // A password set by the school follows the rule everyone's does (lib/identity/passwords.ts).
  for (const r of rows) {
    const weak = r.password && !r.message && newPasswordProblem(r.password, r.email, r.loginId);
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
