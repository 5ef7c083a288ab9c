import "server-only";
// What every step of applying a batch of staged rows shares: the batch, and SQL fragments.
import type pg from "pg";
import { LIVE_COURSE_STATES, LIVE_ENROLLMENT_STATES } from "../platform/live-states.ts";

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

const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");

/** lib/platform/live-states.ts's current enrollment states, as an SQL list. */
export const LIVE_ENROLLMENT_SQL = `(${list(LIVE_ENROLLMENT_STATES)})`;

/** A current student enrollment (lib/platform/live-states.ts) of `userSql` in a running course of root account $4. */
export const LIVE_STUDENT = (userSql: string) => `EXISTS (
  SELECT 1 FROM enrollments e JOIN courses co ON co.id = e.course_id
   WHERE e.user_id = ${userSql} AND e.type = 'student' AND e.root_account_id = $4
     AND e.workflow_state IN ${LIVE_ENROLLMENT_SQL}
     AND co.workflow_state IN (${list(LIVE_COURSE_STATES)}))`;
