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
import { inCheckpointedChunks } from "./checkpointed.ts";
import { notifyStudents } from "./notify.ts";
import { queueSetupEmails } from "./setup-links.ts";

// Each chunk reads the import's linked rows once (they are not indexed by observer, so applying
// stays fast): large chunks keep a 100,000-family import to a few passes.
const CHUNK = 20_000;
/** The rows of the import ($1) that made a link. */
const LINKED = `r.import_id = $1 AND r.outcome IN ('created', 'linked') AND r.kind IN ('family', 'user_observer', 'enrollment')`;
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

/** The next chunk of guardians ($1 import, $2 after this observer id, $3 root account, $4 chunk size). */
const CHUNK_SQL = `WITH chunk AS (
           SELECT DISTINCT r.observer_user_id AS o FROM sis_import_rows r WHERE ${LINKED} AND r.observer_user_id > $2
            ORDER BY 1 LIMIT $4),
         linked AS (
           SELECT r.observer_user_id AS o, r.student_user_id AS s, bool_or(r.kind = 'family' AND r.outcome = 'created') AS made
             FROM sis_import_rows r JOIN chunk c ON c.o = r.observer_user_id WHERE ${LINKED}
            GROUP BY 1, 2)
         SELECT k.o AS observer_id, u.name, bool_or(k.made) AS made,
                array_agg(DISTINCT st.name ORDER BY st.name) AS students,
                CASE WHEN u.workflow_state = 'active'
                      AND NOT EXISTS (SELECT 1 FROM sis_import_rows c
                                       WHERE c.import_id = $1 AND c.kind = 'user' AND c.outcome = 'created'
                                         AND c.resolved_user_id = k.o)
                     THEN coalesce(u.email, CASE WHEN lg.unique_id ~ ${EMAIL_LIKE} THEN lg.unique_id END) END AS email,
                lg.id AS login_id
           FROM linked k JOIN users u ON u.id = k.o JOIN users st ON st.id = k.s
           -- Their first active login here, for the whole chunk at once (looked up one observer at a
           -- time, each lookup scanned the school's logins: 100 s for 90,000 guardians).
           LEFT JOIN (SELECT DISTINCT ON (l.user_id) l.user_id, l.id, l.unique_id
                        FROM logins l JOIN chunk c ON c.o = l.user_id
                       WHERE l.root_account_id = $3 AND l.workflow_state = 'active'
                       ORDER BY l.user_id, l.id) lg ON lg.user_id = k.o
          GROUP BY k.o, u.name, u.email, u.workflow_state, lg.id, lg.unique_id
          ORDER BY k.o`;

/** Everyone an import's applied rows concern is told: students (notify.ts), then guardians. */
export async function notifyImport(client: pg.ClientBase, imp: Imp) {
  // The import's rows were staged and updated a moment ago, before autovacuum could look at them:
  // with the table's statistics saying "one row", the planner ran the chunk queries as nested
  // loops over every row (minutes for 6,000 families). A sampled ANALYZE costs well under a second.
  await client.query("ANALYZE sis_import_rows");
  await notifyStudents(client, imp);
  await notifyGuardians(client, imp);
}

export async function notifyGuardians(client: pg.ClientBase, imp: Imp) {
  const setupLink = await setupLinkBase(imp.root_account_id);
  const signInUrl = new URL("/login", setupLink).toString();
  await inCheckpointedChunks(client, imp.id, "guardians_notified_through", async (after) => {
    const { rows } = await client.query<Row>(CHUNK_SQL, [imp.id, after, imp.root_account_id, CHUNK]);
    if (rows.length === 0) return [];
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
    return rows.map((r) => r.observer_id);
  });
}
