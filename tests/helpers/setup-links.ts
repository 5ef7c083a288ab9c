// Password-setup links as their emails carry them. The outbox never holds a live link (see
// lib/identity/password-setup.ts): the text is completed, with a freshly issued token, only as the email
// is sent — here through the same function delivery uses, without SMTP.
import { db } from "../../lib/platform/db.ts";
import { textToSendInTx } from "../../lib/mail/outbox.ts";

/**
 * Sends the newest email to `to` as delivery does, minus SMTP: locks its row, issues its link and
 * marks it sent (so a test file with SMTP running alongside does not send it again, rotating the
 * token away). Returns the text as sent, or null when there is no link to issue any more.
 */
export async function textAsSent(to: string): Promise<string | null> {
  const { id } = await db.outboxEmail.findFirstOrThrow({ where: { to }, orderBy: { id: "desc" } });
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM outbox_emails WHERE id = ${id} FOR UPDATE`;
    const mail = await tx.outboxEmail.findUniqueOrThrow({ where: { id } });
    const text = await textToSendInTx(tx, mail);
    await tx.outboxEmail.update({ where: { id }, data: { sentAt: new Date() } });
    return text;
  });
}

/** The setup link in a text (an email as sent, or a link shown to an admin). */
export function setupLinkIn(text: string): { url: URL; token: string } {
  const found = text.match(/https?:\/\/\S+\/set-password\?token=\S+/);
  if (!found) throw new Error(`no setup link in: ${text}`);
  const url = new URL(found[0]);
  return { url, token: url.searchParams.get("token")! };
}

/** The token of the setup link the newest email to `to` carries as it is sent. */
export async function sentSetupToken(to: string): Promise<string> {
  const text = await textAsSent(to);
  if (text === null) throw new Error(`the email to ${to} has no link to issue any more`);
  return setupLinkIn(text).token;
}

/** The one-time link to `page` in a text as sent (a reset link, an email-confirmation link). */
export function oneTimeLinkIn(
  text: string,
  page: "/set-password" | "/verify-email",
): { url: URL; token: string } {
  const found = text.match(new RegExp(`https?://\\S+${page}\\?token=\\S+`));
  if (!found) throw new Error(`no ${page} link in: ${text}`);
  const url = new URL(found[0]);
  return { url, token: url.searchParams.get("token")! };
}
