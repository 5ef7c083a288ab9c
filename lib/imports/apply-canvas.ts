import "server-only";
// Canvas's users.csv and user_observers.csv, applied a batch at a time in set-based SQL, with
// Canvas's row messages.
import { refuseStudentObservers, resolveObserversBySis, resolveStudents } from "./apply-family.ts";
import { linkPairs, unlinkPairs, unlinkUsersGone } from "./apply-links.ts";
import { NOW, PENDING, refuse, run, type Batch } from "./batch.ts";
import { sendSetupLinks } from "./setup-links.ts";

const U = PENDING("user");

/**
 * users.csv: a row updates the user whose login in this school has its SIS id, or creates the
 * user and login. status: active, suspended (the user is suspended) or deleted (the login is).
 */
export async function applyUsers(b: Batch) {
  const root = [b.rootAccountId];
  await run(
    b,
    `UPDATE sis_import_rows r SET resolved_user_id = l.user_id FROM logins l
      WHERE ${U} AND l.root_account_id = $4 AND l.sis_user_id = r.sis_user_id`,
    root,
  );
  await refuse(
    b,
    "user",
    `EXISTS (SELECT 1 FROM logins l WHERE l.root_account_id = $4 AND l.unique_id_normalized = lower(r.login_id)
              AND l.user_id IS DISTINCT FROM r.resolved_user_id)`,
    `'An existing user already has the login ID "' || r.login_id || '", skipping user ' || r.sis_user_id`,
    root,
  );
  await refuse(
    b,
    "user",
    `EXISTS (SELECT 1 FROM sis_import_rows o WHERE o.import_id = r.import_id AND o.kind = 'user' AND o.seq < r.seq
              AND lower(o.login_id) = lower(r.login_id) AND o.sis_user_id <> r.sis_user_id)`,
    `'The login ID "' || r.login_id || '" is given to another user earlier in this import, skipping user ' || r.sis_user_id`,
  );
  // Deleting a user who does not exist here: nothing to do.
  await run(
    b,
    `UPDATE sis_import_rows r SET outcome = 'skipped' WHERE ${U} AND r.resolved_user_id IS NULL AND r.status = 'deleted'`,
  );
  await updateExisting(b);
  await unlinkUsersGone(b);
  await createNew(b);
}

async function updateExisting(b: Batch) {
  const changed = `(u.name, u.sortable_name, u.short_name, u.email, u.workflow_state::text,
    l.unique_id, l.workflow_state::text, l.password_hash) IS DISTINCT FROM
    (coalesce(r.name, u.name), coalesce(r.sortable_name, r.name, u.sortable_name), coalesce(r.short_name, r.name, u.short_name),
     coalesce(r.email, u.email), CASE r.status WHEN 'suspended' THEN 'suspended' ELSE 'active' END,
     r.login_id, CASE r.status WHEN 'deleted' THEN 'deleted' ELSE 'active' END, coalesce(r.password_hash, l.password_hash))`;
  await run(
    b,
    `UPDATE sis_import_rows r SET outcome = CASE WHEN ${changed} THEN 'updated' ELSE 'unchanged' END
       FROM users u JOIN logins l ON l.user_id = u.id AND l.root_account_id = $4
      WHERE ${U} AND r.resolved_user_id = u.id AND l.sis_user_id = r.sis_user_id`,
    [b.rootAccountId],
  );
  const updated = `r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = 'user' AND r.outcome = 'updated'`;
  await run(
    b,
    `UPDATE users u SET name = coalesce(r.name, u.name),
            sortable_name = coalesce(r.sortable_name, r.name, u.sortable_name),
            short_name = coalesce(r.short_name, r.name, u.short_name), email = coalesce(r.email, u.email),
            workflow_state = CASE r.status WHEN 'suspended' THEN 'suspended'::"UserState" ELSE 'active'::"UserState" END,
            updated_at = ${NOW}
       FROM sis_import_rows r WHERE ${updated} AND u.id = r.resolved_user_id`,
  );
  await run(
    b,
    `UPDATE logins l SET unique_id = r.login_id, unique_id_normalized = lower(r.login_id),
            workflow_state = CASE r.status WHEN 'deleted' THEN 'deleted'::"WorkflowState" ELSE 'active'::"WorkflowState" END,
            password_hash = coalesce(r.password_hash, l.password_hash), updated_at = ${NOW}
       FROM sis_import_rows r
      WHERE ${updated} AND l.user_id = r.resolved_user_id AND l.root_account_id = $4 AND l.sis_user_id = r.sis_user_id`,
    [b.rootAccountId],
  );
}

/** New users: one per SIS id (a repeated row of the same batch is "unchanged"). */
async function createNew(b: Batch) {
  await b.client.query(
    `CREATE TEMP TABLE IF NOT EXISTS import_made (user_id int, seq int) ON COMMIT DELETE ROWS`,
  );
  await b.client.query(`DELETE FROM import_made`);
  await run(
    b,
    `WITH need AS (
       SELECT nextval(pg_get_serial_sequence('users', 'id'))::int AS id, d.* FROM (
         SELECT DISTINCT ON (r.sis_user_id) r.* FROM sis_import_rows r
          WHERE ${U} AND r.resolved_user_id IS NULL ORDER BY r.sis_user_id, r.seq) d),
     u AS (
       INSERT INTO users (id, name, sortable_name, short_name, email, workflow_state, updated_at)
       SELECT id, name, coalesce(sortable_name, name), coalesce(short_name, name), email,
              CASE status WHEN 'suspended' THEN 'suspended'::"UserState" ELSE 'active'::"UserState" END, ${NOW}
         FROM need),
     l AS (
       INSERT INTO logins (user_id, root_account_id, unique_id, unique_id_normalized, sis_user_id, password_hash, updated_at)
       SELECT id, $4, login_id, lower(login_id), sis_user_id, password_hash, ${NOW} FROM need)
     INSERT INTO import_made SELECT id, seq FROM need`,
    [b.rootAccountId],
  );
  await run(
    b,
    `UPDATE sis_import_rows r SET resolved_user_id = m.user_id, outcome = 'created'
       FROM import_made m WHERE ${U} AND r.seq = m.seq`,
  );
  await run(
    b,
    `UPDATE sis_import_rows r SET outcome = 'unchanged' WHERE ${U} AND r.resolved_user_id IS NULL`,
  );
  await b.client.query(
    `INSERT INTO audit_events (action, actor_id, subject_id, root_account_id, method, data)
     SELECT 'user.registered', $1::int, user_id, $2::int, 'sis', jsonb_build_object('by', 'sis', 'sisImportId', $3::int)
       FROM import_made`,
    [b.actorId, b.rootAccountId, b.importId],
  );
  // No password: a setup link to the email, or to the login when it is an email address.
  await sendSetupLinks(
    b,
    `SELECT m.user_id, coalesce(r.email, CASE WHEN r.login_id ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' THEN r.login_id END) AS email
       FROM import_made m JOIN sis_import_rows r ON r.import_id = $1 AND r.seq = m.seq
      WHERE r.password_hash IS NULL
        AND coalesce(r.email, CASE WHEN r.login_id ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' THEN r.login_id END) IS NOT NULL`,
    [b.importId],
  );
}

/** user_observers.csv: both users by SIS id in this school, then link (active) or unlink (deleted). */
export async function applyUserObservers(b: Batch) {
  await resolveStudents(b, "user_observer");
  await resolveObserversBySis(b, "user_observer");
  await refuse(
    b,
    "user_observer",
    `r.observer_user_id IS NULL`,
    `'An observer referenced a non-existent user ' || r.observer_ref`,
  );
  await refuse(
    b,
    "user_observer",
    `r.student_user_id IS NULL`,
    `'A student referenced a non-existent user ' || r.student_ref`,
  );
  await refuse(
    b,
    "user_observer",
    `r.observer_user_id = r.student_user_id`,
    `'Can''t observe yourself user ' || r.student_ref`,
  );
  await unlinkPairs(b, "user_observer");
  await refuseStudentObservers(b, "user_observer", `'Observer ' || r.observer_ref`);
  await linkPairs(b, "user_observer");
}
