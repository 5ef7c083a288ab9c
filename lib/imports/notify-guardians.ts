import "server-only";
// At the end of a real run (finished or aborted), each guardian or observer the import linked to
// students hears about it once, naming all of them — however many rows and batches named them. A
// guardian the import made gets their setup email here (so it can name every student, siblings in
// later batches included); an existing one is told they were linked. Nobody without an email
// address, or whose account is not active, is written to; an account made by users.csv already
// had its setup email. As notify.ts: chunks in id order, each chunk in one transaction with the
// checkpoint (guardians_notified_through), so a restart neither skips nor repeats anyone.
import type pg from "pg";
import { guardianLinkedEmail, importSetupEmail } from "../mail/import-emails.ts";
import { setupLinkBase } from "../mail/one-time-links.ts";
import { notifyStudents } from "./notify.ts";
import { queueSetupEmails } from "./setup-links.ts";

const CHUNK = 2000;
const EMAIL_LIKE = `'^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'`;

type Imp = { id: number; root_account_id: number; school: string };
type Row = {
  observer_id: number;
  name: string;
  made: boolean;
  students: string[];
  email: string | null;
  login_id: number | null;
};

/** Everyone an import's applied rows concern is told: students (notify.ts), then guardians. */
export async function notifyImport(client: pg.ClientBase, imp: Imp) {
  await notifyStudents(client, imp);
  await notifyGuardians(client, imp);
}

export async function notifyGuardians(client: pg.ClientBase, imp: Imp) {
  const setupLink = await setupLinkBase(imp.root_account_id);
  const signInUrl = new URL("/login", setupLink).toString();
  for (;;) {
    await client.query("BEGIN");
    try {
      const { rows: at } = await client.query<{ through: number }>(
        `SELECT guardians_notified_through AS through FROM sis_imports WHERE id = $1 FOR UPDATE`,
        [imp.id],
      );
      const { rows } = await client.query<Row & { last: number }>(
        `WITH linked AS (
           SELECT r.observer_user_id AS o, r.student_user_id AS s, bool_or(r.kind = 'family' AND r.outcome = 'created') AS made
             FROM sis_import_rows r
            WHERE r.import_id = $1 AND r.outcome IN ('created', 'linked') AND r.observer_user_id > $2
              AND r.kind IN ('family', 'user_observer', 'enrollment')
            GROUP BY 1, 2),
         chunk AS (SELECT DISTINCT o FROM linked ORDER BY o LIMIT $4)
         SELECT k.o AS observer_id, u.name, bool_or(k.made) AS made,
                array_agg(DISTINCT st.name ORDER BY st.name) AS students,
                CASE WHEN u.workflow_state = 'active'
                      AND k.o NOT IN (SELECT c.resolved_user_id FROM sis_import_rows c
                                       WHERE c.import_id = $1 AND c.kind = 'user' AND c.outcome = 'created'
                                         AND c.resolved_user_id IS NOT NULL)
                     THEN coalesce(u.email, CASE WHEN lg.unique_id ~ ${EMAIL_LIKE} THEN lg.unique_id END) END AS email,
                lg.id AS login_id
           FROM linked k JOIN chunk USING (o) JOIN users u ON u.id = k.o JOIN users st ON st.id = k.s
           LEFT JOIN LATERAL (SELECT l.id, l.unique_id FROM logins l
                               WHERE l.user_id = k.o AND l.root_account_id = $3 AND l.workflow_state = 'active'
                               ORDER BY l.id LIMIT 1) lg ON true
          GROUP BY k.o, u.name, u.email, u.workflow_state, lg.id, lg.unique_id
          ORDER BY k.o`,
        [imp.id, at[0].through, imp.root_account_id, CHUNK],
      );
      if (rows.length === 0) {
        await client.query("COMMIT");
        return;
      }
      const told = rows.filter((r) => r.email !== null && r.login_id !== null);
      const ctx = { rootAccountId: imp.root_account_id, importId: imp.id, setupLink };
      await queueSetupEmails(
        client,
        ctx,
        told
          .filter((r) => r.made)
          .map((r) => ({
            login_id: r.login_id!,
            email: r.email!,
            ...importSetupEmail({ name: r.name, schoolName: imp.school, students: r.students, setupLink }),
          })),
      );
      const notices = told
        .filter((r) => !r.made)
        .map((r) => ({
          to: r.email!,
          ...guardianLinkedEmail({ name: r.name, schoolName: imp.school, students: r.students, signInUrl }),
        }));
      await client.query(
        `INSERT INTO outbox_emails (root_account_id, "to", subject, text, sis_import_id)
         SELECT $1::int, t, s, x, $5::int FROM unnest($2::text[], $3::text[], $4::text[]) AS m(t, s, x)`,
        [
          imp.root_account_id,
          notices.map((n) => n.to),
          notices.map((n) => n.subject),
          notices.map((n) => n.text),
          imp.id,
        ],
      );
      await client.query(`UPDATE sis_imports SET guardians_notified_through = $2 WHERE id = $1`, [
        imp.id,
        rows[rows.length - 1].observer_id,
      ]);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    }
  }
}
