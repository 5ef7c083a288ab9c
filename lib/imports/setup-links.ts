import "server-only";
// Accounts an import makes without a password get the same one-time setup email an admin-made
// account gets (password-setup.ts), written for the whole batch in one statement: a link row with
// no digest yet per login, and an email with a placeholder for the link, issued as it is sent.
import { passwordSetupEmail } from "../identity/password-setup.ts";
import type { Batch } from "./batch.ts";

/** `usersSql` selects (user_id, email) of the accounts to send links to. */
export async function sendSetupLinks(b: Batch, usersSql: string, args: unknown[] = []) {
  const { rows } = await b.client.query<{ login_id: number; name: string; email: string }>(
    `SELECT l.id AS login_id, u.name, x.email FROM (${usersSql}) x
       JOIN logins l ON l.user_id = x.user_id AND l.root_account_id = $${args.length + 1}
       JOIN users u ON u.id = x.user_id`,
    [...args, b.rootAccountId],
  );
  // One email per login: the link rows are matched to their emails by login.
  const made = [...new Map(rows.map((r) => [r.login_id, r])).values()].map((r) => ({
    ...r,
    ...passwordSetupEmail({ name: r.name, schoolName: b.schoolName, setupLink: b.setupLink }),
  }));
  if (made.length === 0) return;
  await b.client.query(
    `WITH mail AS (
       SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS m(login_id, "to", subject, text)
     ), links AS (
       INSERT INTO password_setup_tokens (login_id, digest, expires_at)
       SELECT login_id, NULL, now() AT TIME ZONE 'UTC' FROM mail
       RETURNING id, login_id
     )
     INSERT INTO outbox_emails (root_account_id, "to", subject, text, setup_link, setup_token_id)
     SELECT $1::int, mail."to", mail.subject, mail.text, $6::text, links.id
       FROM mail JOIN links ON links.login_id = mail.login_id`,
    [
      b.rootAccountId,
      made.map((m) => m.login_id),
      made.map((m) => m.email),
      made.map((m) => m.subject),
      made.map((m) => m.text),
      made[0].setupLink,
    ],
  );
}
