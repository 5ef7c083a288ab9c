import "server-only";
// What every step of applying a batch of staged rows shares: the batch, and SQL fragments.
import type pg from "pg";
import { isStudentSql, LIVE_ENROLLMENT_SQL } from "../observer-links/sets.ts";

export type Batch = {
  client: pg.ClientBase;
  importId: number;
  /** The batch is the staged rows with lo < seq ≤ hi. */
  lo: number;
  hi: number;
  rootAccountId: number;
  schoolName: string;
  actorId: number | null;
  skipDeletes: boolean;
  /** The setup links' page on the school's canonical origin (lib/accounts/origin.ts). */
  setupLink: string;
};

/** Timestamps are stored as UTC without a zone, as Prisma writes them. */
export const NOW = `(now() AT TIME ZONE 'UTC')`;

/** The batch's rows of one kind that nothing has decided yet ($1 import, $2 lo, $3 hi). */
export const PENDING = (kind: string) =>
  `r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = '${kind}' AND r.outcome IS NULL`;

export const batchArgs = (b: Batch) => [b.importId, b.lo, b.hi];

/** Runs a statement with the batch's first three parameters and `more` after them. */
export function run(b: Batch, sql: string, more: unknown[] = []) {
  return b.client.query(sql, [...batchArgs(b), ...more]);
}

/** Marks pending rows of `kind` matching `where` as refused, with a message built in SQL. */
export function refuse(b: Batch, kind: string, where: string, messageSql: string, more: unknown[] = []) {
  return run(
    b,
    `UPDATE sis_import_rows r SET outcome = 'error', message = ${messageSql} WHERE ${PENDING(kind)} AND (${where})`,
    more,
  );
}

export { LIVE_ENROLLMENT_SQL };

/** A current student enrollment of `userSql` in a running course of root account $4 (the student-as-observer rule's test). */
export const LIVE_STUDENT = (userSql: string) => isStudentSql(userSql, "$4");
