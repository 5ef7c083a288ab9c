import "server-only";
// Links in sets: creating, restoring and removing the links of a set of (student, observer) pairs
// in one root account, with the observer enrollments they give or take and one audit event per
// changed pair, in a few statements whatever the set's size. The bulk form of core.ts (the same
// rules: a link gives an active observer enrollment in each of the student's live enrollments'
// courses; an all-courses unlink leaves a course-level link, `course_link`). The import engine and
// an import's undo call it; no other code writes links or observer enrollments in SQL.
//
// Each function runs on the caller's pg connection, inside the caller's transaction (the changed
// pairs are kept in a temporary table emptied at commit), and leaves the pairs it changed in
// LINK_CHANGES (student_id, observer_id, change) for the caller to read until the next call.
import type pg from "pg";
import type { LinkMethod } from "../platform/generated/prisma/enums.ts";
import { LIVE_COURSE_STATES, LIVE_ENROLLMENT_STATES } from "../platform/live-states.ts";

/** Who changes the set, how, where, and what each audit event's data says (e.g. { sisImportId }). */
export type PairSetContext = {
  client: pg.ClientBase;
  rootAccountId: number;
  actorId: number | null;
  method: LinkMethod;
  auditData: Record<string, unknown>;
};

/**
 * A set of pairs: an SQL query over its own parameters ($1…$n) returning (student id, observer id)
 * in that order (a set of users for removeUsersLinks: one column). Repeats are allowed.
 */
export type PairSource = { sql: string; params: unknown[] };

/** The temporary table holding the pairs the last call changed. */
export const LINK_CHANGES = "link_changes";

/** Timestamps are stored as UTC without a zone, as Prisma writes them. */
const NOW = `(now() AT TIME ZONE 'UTC')`;
const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");
/** lib/platform/live-states.ts's current enrollment states, as an SQL list. */
export const LIVE_ENROLLMENT_SQL = `(${list(LIVE_ENROLLMENT_STATES)})`;

/**
 * The student-as-observer rule's test, in SQL: `userSql` holds a current student enrollment in a
 * running course of root account `rootSql`. Such a user is not made an observer unless confirmed.
 */
export const isStudentSql = (userSql: string, rootSql: string) => `EXISTS (
  SELECT 1 FROM enrollments e JOIN courses co ON co.id = e.course_id
   WHERE e.user_id = ${userSql} AND e.type = 'student' AND e.root_account_id = ${rootSql}
     AND e.workflow_state IN ${LIVE_ENROLLMENT_SQL}
     AND co.workflow_state IN (${list(LIVE_COURSE_STATES)}))`;

/**
 * What a link gives, the one rule for a pair and for a set: the courses of the student's live
 * enrollments in the link's root account (concluded courses too: a parent may still read a
 * finished course's grades; not deleted ones), as JOINs giving enrollment `e` per course.
 */
export const studentCoursesJoin = (studentSql: string, rootSql: string) => `
  JOIN enrollments e ON e.user_id = ${studentSql} AND e.type = 'student' AND e.root_account_id = ${rootSql}
                    AND e.workflow_state IN ${LIVE_ENROLLMENT_SQL}
  JOIN courses co ON co.id = e.course_id AND co.workflow_state <> 'deleted'`;

/** An observer enrollment a link gave and an unlink deleted comes back when the link does. */
export const RESTORE_OBSERVER_ENROLLMENT = `
  ON CONFLICT (course_id, user_id, type, associated_user_id) DO UPDATE
     SET workflow_state = 'active', updated_at = EXCLUDED.updated_at WHERE enrollments.workflow_state = 'deleted'`;

async function resetChanges(client: pg.ClientBase) {
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS ${LINK_CHANGES} (student_id int, observer_id int, change text) ON COMMIT DELETE ROWS`,
  );
  await client.query(`DELETE FROM ${LINK_CHANGES}`);
}

/** The context's parameters after the source's: root, actor, method. */
function withContext(ctx: PairSetContext, source: PairSource) {
  const n = source.params.length;
  return {
    params: [...source.params, ctx.rootAccountId, ctx.actorId, ctx.method],
    root: `$${n + 1}::int`,
    actor: `$${n + 2}::int`,
    method: `$${n + 3}::"LinkMethod"`,
  };
}

/**
 * Creates or restores the link of each pair (one already active changes nothing), gives each
 * changed pair's observer their observer enrollments and audits each change (`link.created` or
 * `link.restored`). Returns how many pairs changed.
 */
export async function linkPairSet(ctx: PairSetContext, source: PairSource): Promise<number> {
  await resetChanges(ctx.client);
  const c = withContext(ctx, source);
  const made = await ctx.client.query(
    `WITH pairs AS (SELECT DISTINCT s, o FROM (${source.sql}) AS src(s, o)),
          up AS (
      INSERT INTO observation_links (student_id, observer_id, root_account_id, method, created_by_id, updated_at)
      SELECT s, o, ${c.root}, ${c.method}, ${c.actor}, ${NOW} FROM pairs
      ON CONFLICT (student_id, observer_id, root_account_id) DO UPDATE
        SET workflow_state = 'active', method = EXCLUDED.method, created_by_id = EXCLUDED.created_by_id, updated_at = ${NOW}
        WHERE observation_links.workflow_state <> 'active'
      RETURNING student_id, observer_id, CASE WHEN xmax = 0 THEN 'link.created' ELSE 'link.restored' END)
     INSERT INTO ${LINK_CHANGES} SELECT * FROM up`,
    c.params,
  );
  if (!made.rowCount) return 0;
  await ctx.client.query(
    `INSERT INTO enrollments (course_id, user_id, root_account_id, type, associated_user_id, workflow_state, updated_at)
     SELECT DISTINCT e.course_id, p.observer_id, $1::int, 'observer'::"EnrollmentType", p.student_id,
            'active'::"EnrollmentState", ${NOW}
       FROM ${LINK_CHANGES} p ${studentCoursesJoin("p.student_id", "$1")}
     ${RESTORE_OBSERVER_ENROLLMENT}`,
    [ctx.rootAccountId],
  );
  await auditChanges(ctx);
  return made.rowCount;
}

/**
 * Removes the active link of each pair, with the observer enrollments it gave — except a
 * course-level link (made in one course alone), which is not the all-courses link's to remove, as
 * core.ts's unlinkInTx leaves it — and audits each (`link.removed`). Returns how many were removed.
 */
export async function unlinkPairSet(ctx: PairSetContext, source: PairSource): Promise<number> {
  await resetChanges(ctx.client);
  const root = `$${source.params.length + 1}::int`;
  const gone = await ctx.client.query(
    `WITH gone AS (
       UPDATE observation_links l SET workflow_state = 'deleted', updated_at = ${NOW}
         FROM (SELECT DISTINCT s, o FROM (${source.sql}) AS src(s, o)) d
        WHERE l.student_id = d.s AND l.observer_id = d.o AND l.root_account_id = ${root} AND l.workflow_state = 'active'
       RETURNING l.student_id, l.observer_id)
     INSERT INTO ${LINK_CHANGES} SELECT student_id, observer_id, 'link.removed' FROM gone`,
    [...source.params, ctx.rootAccountId],
  );
  if (!gone.rowCount) return 0;
  await removeEnrollmentsAndAudit(ctx, { keepCourseLinks: true });
  return gone.rowCount;
}

/**
 * Users who left the school (a users.csv deletion took their last login): every link they are
 * part of, as student or observer, goes, and with it every observer enrollment those links gave,
 * course-level ones included — someone who left keeps no enrollment there.
 */
export async function removeUsersLinks(ctx: PairSetContext, users: PairSource): Promise<number> {
  await resetChanges(ctx.client);
  const root = `$${users.params.length + 1}::int`;
  const gone = await ctx.client.query(
    `WITH gone_users AS (SELECT DISTINCT id FROM (${users.sql}) AS src(id)),
     gone AS (
       UPDATE observation_links l SET workflow_state = 'deleted', updated_at = ${NOW}
         FROM gone_users g
        WHERE (l.student_id = g.id OR l.observer_id = g.id) AND l.root_account_id = ${root} AND l.workflow_state = 'active'
       RETURNING l.student_id, l.observer_id)
     INSERT INTO ${LINK_CHANGES} SELECT DISTINCT student_id, observer_id, 'link.removed' FROM gone`,
    [...users.params, ctx.rootAccountId],
  );
  if (!gone.rowCount) return 0;
  await removeEnrollmentsAndAudit(ctx, { keepCourseLinks: false });
  return gone.rowCount;
}

async function removeEnrollmentsAndAudit(ctx: PairSetContext, opts: { keepCourseLinks: boolean }) {
  await ctx.client.query(
    `UPDATE enrollments e SET workflow_state = 'deleted', updated_at = ${NOW}
       FROM ${LINK_CHANGES} p
      WHERE e.user_id = p.observer_id AND e.associated_user_id = p.student_id AND e.type = 'observer'
        AND e.root_account_id = $1 AND e.workflow_state <> 'deleted' AND NOT ($2::boolean AND e.course_link)`,
    [ctx.rootAccountId, opts.keepCourseLinks],
  );
  await auditChanges(ctx);
}

async function auditChanges(ctx: PairSetContext) {
  await ctx.client.query(
    `INSERT INTO audit_events (action, actor_id, subject_id, target_id, root_account_id, method, data)
     SELECT change, $1::int, student_id, observer_id, $2::int, $3::"LinkMethod", $4::jsonb FROM ${LINK_CHANGES}`,
    [ctx.actorId, ctx.rootAccountId, ctx.method, JSON.stringify(ctx.auditData)],
  );
}
