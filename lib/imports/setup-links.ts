import "server-only";
// Accounts an import makes without a password get a one-time setup link (lib/identity/password-setup.ts's
// design), written for many logins in one statement: a link row with no digest yet per login, and an
// email with a placeholder for the link, issued as it is sent. The emails name the import, whose
// change log lists them; their words are lib/mail/import-emails.ts's.
import type pg from "pg";
import { importSetupEmail } from "../mail/import-emails.ts";
import type { Batch } from "./batch.ts";

export type SetupMail = { login_id: number; email: string; subject: string; text: string };

/** Queues one setup email per login (the link rows are matched to their emails by login). */
export async function queueSetupEmails(
  client: pg.ClientBase,
  ctx: { rootAccountId: number; importId: number; setupLink: string },
  made: SetupMail[],
) {
  if (made.length === 0) return;
  await client.query(
    `WITH mail AS (
       SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS m(login_id, "to", subject, text)
     ), links AS (
       INSERT INTO password_setup_tokens (login_id, digest, expires_at)
       SELECT login_id, NULL, now() AT TIME ZONE 'UTC' FROM mail
       RETURNING id, login_id
     )
     INSERT INTO outbox_emails (root_account_id, "to", subject, text, setup_link, setup_token_id, sis_import_id)
     SELECT $1::int, mail."to", mail.subject, mail.text, $6::text, links.id, $7::int
       FROM mail JOIN links ON links.login_id = mail.login_id`,
    [
      ctx.rootAccountId,
      made.map((m) => m.login_id),
      made.map((m) => m.email),
      made.map((m) => m.subject),
      made.map((m) => m.text),
      ctx.setupLink,
      ctx.importId,
    ],
  );
}

/**
 * users.csv accounts: `usersSql` selects (user_id, email) of the accounts to send links to. Their
 * links to students (user_observers.csv) may come in later batches, so this email names none.
 */
export async function sendSetupLinks(b: Batch, usersSql: string, args: unknown[] = []) {
  const { rows } = await b.client.query<{ login_id: number; name: string; email: string }>(
    `SELECT l.id AS login_id, u.name, x.email FROM (${usersSql}) x
       JOIN logins l ON l.user_id = x.user_id AND l.root_account_id = $${args.length + 1}
       JOIN users u ON u.id = x.user_id`,
    [...args, b.rootAccountId],
  );
  const made = [...new Map(rows.map((r) => [r.login_id, r])).values()].map((r) => ({
    login_id: r.login_id,
    email: r.email,
    ...importSetupEmail({ name: r.name, schoolName: b.schoolName, students: [], setupLink: b.setupLink }),
  }));
  await queueSetupEmails(b.client, b, made);
}
