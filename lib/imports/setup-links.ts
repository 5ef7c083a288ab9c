import "server-only";
// Accounts an import makes without a password get the same one-time setup email an admin-made
// account gets (password-setup.ts), written for the whole batch in two statements.
import { newSetupToken, passwordSetupEmail } from "../password-setup.ts";
import type { Batch } from "./batch.ts";

/** `usersSql` selects (user_id, email) of the accounts to send links to. */
export async function sendSetupLinks(b: Batch, usersSql: string, args: unknown[] = []) {
  const { rows } = await b.client.query<{ login_id: number; name: string; email: string }>(
    `SELECT l.id AS login_id, u.name, x.email FROM (${usersSql}) x
       JOIN logins l ON l.user_id = x.user_id AND l.root_account_id = $${args.length + 1}
       JOIN users u ON u.id = x.user_id`,
    [...args, b.rootAccountId],
  );
  if (rows.length === 0) return;
  const made = rows.map((r) => {
    const secret = newSetupToken();
    const email = passwordSetupEmail({
      token: secret.token,
      name: r.name,
      schoolName: b.schoolName,
      origin: b.origin,
    });
    return { ...r, ...secret, ...email };
  });
  await b.client.query(
    `INSERT INTO password_setup_tokens (login_id, digest, expires_at)
     SELECT * FROM unnest($1::int[], $2::text[], $3::timestamp[])`,
    [made.map((m) => m.login_id), made.map((m) => m.digest), made.map((m) => m.expiresAt.toISOString())],
  );
  await b.client.query(
    `INSERT INTO outbox_emails (root_account_id, "to", subject, text)
     SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::text[])`,
    [b.rootAccountId, made.map((m) => m.email), made.map((m) => m.subject), made.map((m) => m.text)],
  );
}
