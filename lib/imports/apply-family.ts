import "server-only";
// Family rows (a roster or OneRoster guardian–student pair): find the student, find or create the
// guardian's observer account (no password: they get the setup email), then link — the five API
// calls of the usual automation, for a whole batch in a handful of statements.
import { linkPairs, unlinkPairs } from "./apply-links.ts";
import { LIVE_STUDENT, NOW, PENDING, refuse, run, type Batch } from "./batch.ts";

const F = PENDING("family");

export async function applyFamilies(b: Batch) {
  await resolveStudents(b, "family");
  await refuse(
    b,
    "family",
    `r.student_user_id IS NULL`,
    `'No student with the ' ||
      CASE r.student_ref_type WHEN 'sis' THEN 'SIS id' ELSE 'login' END || ' "' || r.student_ref || '" in this school'`,
  );
  // An existing guardian: the login (their email), else their SIS id.
  await run(
    b,
    `UPDATE sis_import_rows r SET observer_user_id = l.user_id FROM logins l
      WHERE ${F} AND l.root_account_id = $4 AND l.unique_id_normalized = lower(r.login_id)`,
    [b.rootAccountId],
  );
  await run(
    b,
    `UPDATE sis_import_rows r SET observer_user_id = l.user_id FROM logins l
      WHERE ${F} AND r.observer_user_id IS NULL AND r.sis_user_id IS NOT NULL
        AND l.root_account_id = $4 AND l.sis_user_id = r.sis_user_id`,
    [b.rootAccountId],
  );
  // Removals first: a student who has left still loses the guardian the SIS no longer lists.
  await unlinkPairs(b, "family");
  await refuse(
    b,
    "family",
    `NOT ${LIVE_STUDENT("r.student_user_id")}`,
    `'Student ' || r.student_ref || ' has no active enrollment, so there is nothing to observe yet'`,
    [b.rootAccountId],
  );
  await refuse(
    b,
    "family",
    `r.observer_user_id = r.student_user_id`,
    `'Can''t observe yourself user ' || r.student_ref`,
  );
  await refuseStudentObservers(b, "family", `'Guardian ' || r.login_id`);
  await createGuardians(b);
  await linkPairs(b, "family");
  await updateGuardianNames(b);
}

/**
 * A guardian or observer who is a student here (found by their login or SIS id) is nearly always
 * a mix-up in the SIS export, and would show one student another's courses: a row error unless the
 * row says confirm_student_observer=true, as PUT …/observees asks (lib/observer-links/manage.ts).
 */
export async function refuseStudentObservers(
  b: Batch,
  kind: "family" | "user_observer" | "enrollment",
  whoSql: string,
  onlyWhere = "true",
) {
  await refuse(
    b,
    kind,
    `r.observer_user_id IS NOT NULL AND NOT r.confirm_student_observer AND (${onlyWhere}) AND ${LIVE_STUDENT("r.observer_user_id")}`,
    `${whoSql} || ' is a student in this school, so they are not made an observer of ' || r.student_ref ||
      ' (add a confirm_student_observer column set to true if this is intended)'`,
    [b.rootAccountId],
  );
}

/**
 * The SIS is the source of truth for a guardian's name: a re-import with a corrected name (a
 * wrongly encoded one, a misspelling) updates it, and the row says `updated`.
 */
async function updateGuardianNames(b: Batch) {
  await run(
    b,
    `WITH latest AS (
       SELECT DISTINCT ON (r.observer_user_id) r.observer_user_id AS id, r.name, r.sortable_name, r.short_name
         FROM sis_import_rows r
        WHERE r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = 'family' AND r.status = 'active'
          AND r.outcome IN ('linked', 'unchanged') AND r.name IS NOT NULL
        ORDER BY r.observer_user_id, r.seq DESC),
     renamed AS (
       UPDATE users u SET name = l.name, sortable_name = coalesce(l.sortable_name, l.name),
              short_name = coalesce(l.short_name, l.name), updated_at = ${NOW}
         FROM latest l WHERE u.id = l.id AND u.name IS DISTINCT FROM l.name
       RETURNING u.id)
     UPDATE sis_import_rows r SET outcome = 'updated' FROM renamed n
      WHERE r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = 'family'
        AND r.observer_user_id = n.id AND r.outcome = 'unchanged'`,
  );
}

/** Resolves pending rows' students by SIS id or login within the root account ($4). */
/** Observers named by SIS id (user_observers.csv, enrollments.csv) with an active login in this school. */
export async function resolveObserversBySis(b: Batch, kind: "user_observer" | "enrollment") {
  await run(
    b,
    `UPDATE sis_import_rows r SET observer_user_id = l.user_id FROM logins l
      WHERE ${PENDING(kind)} AND l.root_account_id = $4 AND l.workflow_state = 'active' AND l.sis_user_id = r.observer_ref`,
    [b.rootAccountId],
  );
}

export async function resolveStudents(b: Batch, kind: "family" | "user_observer" | "enrollment") {
  for (const [type, match] of [
    ["sis", "l.sis_user_id = r.student_ref"],
    ["login", "l.unique_id_normalized = lower(r.student_ref)"],
  ])
    await run(
      b,
      `UPDATE sis_import_rows r SET student_user_id = l.user_id FROM logins l
        WHERE ${PENDING(kind)} AND r.student_ref_type = '${type}' AND l.root_account_id = $4
          AND l.workflow_state = 'active' AND ${match}`,
      [b.rootAccountId],
    );
}

/**
 * One observer account per guardian not found (siblings' rows share it): user and login in two
 * statements. A login taken meanwhile by someone else leaves no half-made user behind.
 */
async function createGuardians(b: Batch) {
  await b.client
    .query(`CREATE TEMP TABLE IF NOT EXISTS import_new_users (user_id int, norm text, has_login bool)
    ON COMMIT DELETE ROWS`);
  await b.client.query(`DELETE FROM import_new_users`);
  await run(
    b,
    `WITH need AS (
       SELECT nextval(pg_get_serial_sequence('users', 'id'))::int AS id, d.* FROM (
         SELECT DISTINCT ON (lower(r.login_id)) lower(r.login_id) AS norm, r.login_id, r.email,
                coalesce(r.name, r.login_id) AS name, coalesce(r.sortable_name, r.login_id) AS sortable_name,
                coalesce(r.short_name, r.login_id) AS short_name, r.sis_user_id
           FROM sis_import_rows r WHERE ${F} AND r.observer_user_id IS NULL ORDER BY lower(r.login_id), r.seq) d),
     u AS (
       INSERT INTO users (id, name, sortable_name, short_name, email, updated_at)
       SELECT id, name, sortable_name, short_name, email, ${NOW} FROM need),
     l AS (
       INSERT INTO logins (user_id, root_account_id, unique_id, unique_id_normalized, sis_user_id, updated_at)
       SELECT id, $4, login_id, norm, sis_user_id, ${NOW} FROM need
       ON CONFLICT DO NOTHING RETURNING user_id)
     INSERT INTO import_new_users
     SELECT need.id, need.norm, l.user_id IS NOT NULL FROM need LEFT JOIN l ON l.user_id = need.id`,
    [b.rootAccountId],
  );
  await b.client.query(
    `DELETE FROM users WHERE id IN (SELECT user_id FROM import_new_users WHERE NOT has_login)`,
  );
  await b.client.query(`DELETE FROM import_new_users WHERE NOT has_login`);
  // The first row of each new guardian says "created"; the others of the family link to them.
  await run(
    b,
    `WITH firsts AS (SELECT DISTINCT ON (n.user_id) n.user_id, r.seq
                       FROM import_new_users n JOIN sis_import_rows r ON lower(r.login_id) = n.norm
                      WHERE ${F} ORDER BY n.user_id, r.seq)
     UPDATE sis_import_rows r
        SET observer_user_id = n.user_id,
            outcome = CASE WHEN EXISTS (SELECT 1 FROM firsts f WHERE f.seq = r.seq) THEN 'created' ELSE NULL END
       FROM import_new_users n WHERE ${F} AND r.observer_user_id IS NULL AND lower(r.login_id) = n.norm`,
  );
  await refuse(
    b,
    "family",
    `r.observer_user_id IS NULL`,
    `'Could not make an account for ' || r.login_id || ': its login or SIS id ' || coalesce(r.sis_user_id, '') || ' belongs to someone else'`,
  );
  await audit(b);
  // Their setup email is sent at the end of the import, naming all their students (notify-guardians.ts).
}

async function audit(b: Batch) {
  await b.client.query(
    `INSERT INTO audit_events (action, actor_id, subject_id, root_account_id, method, data)
     SELECT 'user.registered', $1::int, user_id, $2::int, 'sis',
            jsonb_build_object('by', 'sis', 'sisImportId', $3::int, 'setupLinkSent', true)
       FROM import_new_users`,
    [b.actorId, b.rootAccountId, b.importId],
  );
}
