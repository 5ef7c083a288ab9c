import "server-only";
// Linking and unlinking a batch's resolved (student, observer) pairs in set-based SQL: the bulk
// form of observer-links/core.ts (link or restore, mirror observer enrollments, audit), with
// method `sis` and the import's id on every audit event.
import { LIVE_ENROLLMENT_SQL, NOW, run, type Batch } from "./batch.ts";

/** Pairs this batch changed; rows are told apart from the ones that were already so. */
const TEMP = `
  CREATE TEMP TABLE IF NOT EXISTS import_pairs (student_id int, observer_id int, change text)
  ON COMMIT DELETE ROWS`;

/**
 * Links every pending row of `kinds` with status active (both users resolved): creates or
 * restores the link, gives the observer their observer enrollments, audits each change, and sets
 * each row's outcome — `linked` for the first row of a changed pair, `unchanged` otherwise
 * (`created` rows were decided by the caller).
 */
export async function linkPairs(b: Batch, kind: "family" | "user_observer") {
  await b.client.query(TEMP);
  await b.client.query(`DELETE FROM import_pairs`);
  const pending = `r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = '${kind}'
    AND (r.outcome IS NULL OR r.outcome = 'created') AND r.status = 'active'`;
  const made = await run(
    b,
    `WITH pairs AS (SELECT DISTINCT r.student_user_id AS s, r.observer_user_id AS o
                      FROM sis_import_rows r WHERE ${pending}),
          up AS (
      INSERT INTO observation_links (student_id, observer_id, root_account_id, method, created_by_id, updated_at)
      SELECT s, o, $4, 'sis', $5, ${NOW} FROM pairs
      ON CONFLICT (student_id, observer_id, root_account_id) DO UPDATE
        SET workflow_state = 'active', method = 'sis', created_by_id = $5, updated_at = ${NOW}
        WHERE observation_links.workflow_state <> 'active'
      RETURNING student_id, observer_id, CASE WHEN xmax = 0 THEN 'link.created' ELSE 'link.restored' END)
     INSERT INTO import_pairs SELECT * FROM up`,
    [b.rootAccountId, b.actorId],
  );
  if (made.rowCount) {
    await mirrorEnrollments(b);
    await auditPairs(b);
  }
  await run(
    b,
    `WITH ranked AS (
       SELECT r.seq, row_number() OVER (PARTITION BY r.student_user_id, r.observer_user_id ORDER BY r.seq) AS n,
              EXISTS (SELECT 1 FROM import_pairs p
                       WHERE p.student_id = r.student_user_id AND p.observer_id = r.observer_user_id) AS changed
         FROM sis_import_rows r WHERE ${pending})
     UPDATE sis_import_rows r
        SET outcome = CASE WHEN r.outcome = 'created' THEN 'created'
                           WHEN k.changed AND k.n = 1 THEN 'linked' ELSE 'unchanged' END
       FROM ranked k WHERE r.import_id = $1 AND r.seq = k.seq`,
  );
}

/** The observer enrollments of each changed pair (Canvas copies the student's current ones). */
async function mirrorEnrollments(b: Batch) {
  await b.client.query(
    `INSERT INTO enrollments (course_id, user_id, root_account_id, type, associated_user_id, workflow_state, updated_at)
     SELECT DISTINCT e.course_id, p.observer_id, $1::int, 'observer'::"EnrollmentType", p.student_id,
            'active'::"EnrollmentState", ${NOW}
       FROM import_pairs p
       JOIN enrollments e ON e.user_id = p.student_id AND e.type = 'student' AND e.root_account_id = $1
                         AND e.workflow_state IN ${LIVE_ENROLLMENT_SQL}
       JOIN courses co ON co.id = e.course_id AND co.workflow_state <> 'deleted'
      WHERE p.change <> 'link.removed'
     ON CONFLICT (course_id, user_id, type, associated_user_id) DO UPDATE
        SET workflow_state = 'active', updated_at = ${NOW} WHERE enrollments.workflow_state = 'deleted'`,
    [b.rootAccountId],
  );
}

async function auditPairs(b: Batch) {
  await b.client.query(
    `INSERT INTO audit_events (action, actor_id, subject_id, target_id, root_account_id, method, data)
     SELECT change, $1::int, student_id, observer_id, $2::int, 'sis', jsonb_build_object('sisImportId', $3::int)
       FROM import_pairs`,
    [b.actorId, b.rootAccountId, b.importId],
  );
}

/**
 * Unlinks every pending row of `kind` with status deleted: soft-deletes the link and the observer
 * enrollments it gave, audits it. A user_observer row naming no active link gets Canvas's message;
 * a family row is already as the SIS wants it (`unchanged`). `skip_deletes` skips them all.
 */
export async function unlinkPairs(b: Batch, kind: "family" | "user_observer") {
  const pending = `r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = '${kind}'
    AND r.outcome IS NULL AND r.status = 'deleted'`;
  if (b.skipDeletes) {
    await run(b, `UPDATE sis_import_rows r SET outcome = 'skipped' WHERE ${pending}`);
    return;
  }
  await b.client.query(TEMP);
  await b.client.query(`DELETE FROM import_pairs`);
  const gone = await run(
    b,
    `WITH gone AS (
       UPDATE observation_links l SET workflow_state = 'deleted', updated_at = ${NOW}
         FROM (SELECT DISTINCT student_user_id AS s, observer_user_id AS o FROM sis_import_rows r WHERE ${pending}) d
        WHERE l.student_id = d.s AND l.observer_id = d.o AND l.root_account_id = $4 AND l.workflow_state = 'active'
       RETURNING l.student_id, l.observer_id)
     INSERT INTO import_pairs SELECT student_id, observer_id, 'link.removed' FROM gone`,
    [b.rootAccountId],
  );
  if (gone.rowCount) {
    // A link made in one course alone (course_link: the People page, enrollments.csv) is not the
    // all-courses link's to remove, as lib/observer-links/core.ts's unlinkInTx leaves it.
    await removeEnrollmentsAndAudit(b, { keepCourseLinks: true });
  }
  const removed = `EXISTS (SELECT 1 FROM import_pairs p
                            WHERE p.student_id = r.student_user_id AND p.observer_id = r.observer_user_id)`;
  const missing =
    kind === "user_observer"
      ? `'Can''t delete a non-existent observer for observer: ' || r.observer_ref || ', student: ' || r.student_ref`
      : "NULL";
  await run(
    b,
    `UPDATE sis_import_rows r
        SET outcome = CASE WHEN ${removed} THEN 'removed' WHEN ${missing} IS NULL THEN 'unchanged' ELSE 'error' END,
            message = CASE WHEN ${removed} THEN NULL ELSE ${missing} END
      WHERE ${pending}`,
  );
}

/**
 * users.csv rows with status deleted whose user has no active login left in this school: as in
 * Canvas, the user leaves the school, so the links they are part of (as student or observer) and
 * the observer enrollments those links gave are removed, each audited.
 */
export async function unlinkUsersGone(b: Batch) {
  await b.client.query(TEMP);
  await b.client.query(`DELETE FROM import_pairs`);
  const gone = await run(
    b,
    `WITH gone_users AS (
       SELECT DISTINCT r.resolved_user_id AS id FROM sis_import_rows r
        WHERE r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = 'user' AND r.status = 'deleted'
          AND r.outcome = 'updated'
          AND NOT EXISTS (SELECT 1 FROM logins l WHERE l.user_id = r.resolved_user_id AND l.root_account_id = $4
                             AND l.workflow_state = 'active')),
     gone AS (
       UPDATE observation_links l SET workflow_state = 'deleted', updated_at = ${NOW}
         FROM gone_users g
        WHERE (l.student_id = g.id OR l.observer_id = g.id) AND l.root_account_id = $4 AND l.workflow_state = 'active'
       RETURNING l.student_id, l.observer_id)
     INSERT INTO import_pairs SELECT DISTINCT student_id, observer_id, 'link.removed' FROM gone`,
    [b.rootAccountId],
  );
  if (!gone.rowCount) return;
  // Someone who left the school keeps no enrollment in it, course links included.
  await removeEnrollmentsAndAudit(b, { keepCourseLinks: false });
}

/**
 * The observer enrollments the removed pairs (import_pairs) gave go with them — all of them, or
 * all but those made in one course alone — and each removal is audited.
 */
async function removeEnrollmentsAndAudit(b: Batch, opts: { keepCourseLinks: boolean }) {
  await b.client.query(
    `UPDATE enrollments e SET workflow_state = 'deleted', updated_at = ${NOW}
       FROM import_pairs p
      WHERE e.user_id = p.observer_id AND e.associated_user_id = p.student_id AND e.type = 'observer'
        AND e.root_account_id = $1 AND e.workflow_state <> 'deleted' AND NOT ($2::boolean AND e.course_link)`,
    [b.rootAccountId, opts.keepCourseLinks],
  );
  await auditPairs(b);
}
