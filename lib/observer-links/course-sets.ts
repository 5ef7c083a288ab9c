import "server-only";
// Course-level links set in bulk, for enrollments.csv's observer rows (Canvas: role observer with
// associated_user_id): each (course, observer, student) enrollment put in its row's state in one
// statement, and each change audited as the People page's links are (course_link.created when it
// becomes active, course_link.removed when it ends), with the context's method and audit data.
// Runs on the caller's connection and in its transaction, so a dry run rolls it back with the rest.
import type { PairSetContext } from "./sets.ts";

/** Canvas's enrollment statuses. */
export const COURSE_OBSERVER_STATES = ["active", "completed", "inactive", "deleted"] as const;
export type CourseObserverState = (typeof COURSE_OBSERVER_STATES)[number];

export type CourseObserverEntry = {
  /** The caller's key for the entry (a row number); of repeated entries the last key wins. */
  key: number;
  courseId: number;
  observerId: number;
  studentId: number;
  state: CourseObserverState;
};

/**
 * Puts each entry's observer enrollment in its state (created when missing, except to delete it).
 * Returns the keys of the entries that changed one; the rest were so already.
 */
export async function setCourseObserverStates(
  ctx: PairSetContext,
  entries: CourseObserverEntry[],
): Promise<number[]> {
  if (entries.length === 0) return [];
  const { rows } = await ctx.client.query<{ key: number }>(
    `WITH want AS (
       SELECT DISTINCT ON (course_id, observer_id, student_id) *
         FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[]) AS w(key, course_id, observer_id, student_id, state)
        ORDER BY course_id, observer_id, student_id, key DESC),
     was AS (
       SELECT w.key, e.workflow_state::text AS state FROM want w
         JOIN enrollments e ON e.course_id = w.course_id AND e.user_id = w.observer_id AND e.type = 'observer'
                           AND e.associated_user_id = w.student_id),
     up AS (
       INSERT INTO enrollments (course_id, user_id, root_account_id, type, associated_user_id, workflow_state, course_link, updated_at)
       SELECT w.course_id, w.observer_id, $6::int, 'observer', w.student_id, w.state::"EnrollmentState",
              w.state <> 'deleted', now() AT TIME ZONE 'UTC'
         FROM want w LEFT JOIN was ON was.key = w.key
        WHERE w.state <> 'deleted' OR was.key IS NOT NULL
       ON CONFLICT (course_id, user_id, type, associated_user_id) DO UPDATE
         -- A link made in this course alone (course_link) outlives an all-courses unlink of the
         -- pair (core.ts's unlinkInTx); deleting it ends that, as endEnrollment does.
         SET workflow_state = EXCLUDED.workflow_state,
             course_link = CASE EXCLUDED.workflow_state WHEN 'active' THEN true WHEN 'deleted' THEN false
                                ELSE enrollments.course_link END,
             updated_at = EXCLUDED.updated_at
         WHERE enrollments.workflow_state <> EXCLUDED.workflow_state
            OR (EXCLUDED.workflow_state = 'active' AND NOT enrollments.course_link)
       RETURNING id, course_id, user_id, associated_user_id, workflow_state::text AS state),
     changed AS (
       SELECT w.key, up.*, was.state AS from_state FROM up
         JOIN want w ON w.course_id = up.course_id AND w.observer_id = up.user_id AND w.student_id = up.associated_user_id
         LEFT JOIN was ON was.key = w.key),
     audited AS (
       INSERT INTO audit_events (action, actor_id, subject_id, target_id, root_account_id, method, data)
       SELECT CASE WHEN state = 'active' THEN 'course_link.created' ELSE 'course_link.removed' END, $7::int,
              associated_user_id, user_id, $6::int, $9::"LinkMethod",
              jsonb_build_object('courseId', course_id, 'enrollmentId', id, 'from', from_state, 'to', state)
                || $8::jsonb
         FROM changed WHERE from_state IS DISTINCT FROM state)
     SELECT key FROM changed WHERE from_state IS DISTINCT FROM state`,
    [
      entries.map((e) => e.key),
      entries.map((e) => e.courseId),
      entries.map((e) => e.observerId),
      entries.map((e) => e.studentId),
      entries.map((e) => e.state),
      ctx.rootAccountId,
      ctx.actorId,
      JSON.stringify(ctx.auditData),
      ctx.method,
    ],
  );
  return rows.map((r) => r.key);
}
