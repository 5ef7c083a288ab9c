import "server-only";
// Outgoing mail through a transactional outbox: an email is written in the same transaction as
// the event it reports, then delivered over SMTP when SMTP_URL is set. Without SMTP it stays in
// the outbox (readable by admins at /admin/outbox), never silently dropped. A failed send is
// retried with backoff (1, 2, 4… minutes, MAX_ATTEMPTS in all) on the next delivery run.
// A password-setup email is stored with a placeholder for its link, which gets a fresh token only
// as it is sent (see password-setup.ts): nothing in the outbox is a live secret.
import nodemailer from "nodemailer";
import { db, type Tx } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";
import { notFound } from "../platform/errors.ts";
import { completeSetupEmailInTx, SETUP_LINK_PLACEHOLDER } from "./one-time-links.ts";

/**
 * `rootAccountId`: the school the email is about (whose admins may read it in the outbox).
 * `setupLink`/`setupTokenId`: a password-setup email (its text holds SETUP_LINK_PLACEHOLDER).
 */
export type Email = {
  to: string;
  subject: string;
  text: string;
  rootAccountId: number | null;
  setupLink?: string;
  setupTokenId?: number;
};

export async function queueEmailInTx(tx: Tx, email: Email): Promise<void> {
  await tx.outboxEmail.create({ data: email });
}

const MAX_ATTEMPTS = 6;

let transport: nodemailer.Transporter | null | undefined;
function smtp(): nodemailer.Transporter | null {
  if (transport === undefined)
    transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;
  return transport;
}

/** Is mail really sent (SMTP configured), or does it stay in the outbox (the local demo)? */
export const mailIsSent = (): boolean => smtp() !== null;

/** The text an outbox email goes out with; null when there is nothing to send any more. */
export async function textToSendInTx(
  tx: Tx,
  email: { text: string; setupLink: string | null; setupTokenId: number | null },
): Promise<string | null> {
  if (email.setupLink === null) return email.text;
  return completeSetupEmailInTx(tx, { ...email, setupLink: email.setupLink });
}

/** Sends what is waiting in the outbox (when SMTP is configured). Safe to call from any instance. */
export async function deliverPendingEmails(limit = 500): Promise<number> {
  const mailer = smtp();
  if (!mailer) return 0;
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    // Claim one row at a time; SKIP LOCKED lets several instances deliver without double-sending.
    const delivered = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        {
          id: number;
          to: string;
          subject: string;
          text: string;
          attempts: number;
          setupLink: string | null;
          setupTokenId: number | null;
        }[]
      >`
        SELECT id, "to", subject, text, attempts, setup_link AS "setupLink", setup_token_id AS "setupTokenId"
          FROM outbox_emails
         WHERE sent_at IS NULL AND attempts < ${MAX_ATTEMPTS} AND (next_attempt_at IS NULL OR next_attempt_at <= (now() AT TIME ZONE 'UTC'))
         ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      const row = rows[0];
      if (!row) return false;
      // A setup link is issued here, in this transaction (row locked): each attempt a fresh token.
      const text = await textToSendInTx(tx, row);
      if (text === null) {
        await tx.outboxEmail.update({
          where: { id: row.id },
          data: { attempts: MAX_ATTEMPTS, error: "Not sent: its setup link was used or replaced." },
        });
        return true;
      }
      try {
        await mailer.sendMail({
          from: process.env.MAIL_FROM ?? "Observer Pairing <no-reply@localhost>",
          to: row.to,
          subject: row.subject,
          text,
        });
        await tx.outboxEmail.update({
          where: { id: row.id },
          data: { sentAt: new Date(), attempts: row.attempts + 1, error: null },
        });
      } catch (err) {
        const nextAttemptAt = new Date(Date.now() + 60_000 * 2 ** row.attempts);
        await tx.outboxEmail.update({
          where: { id: row.id },
          data: {
            attempts: row.attempts + 1,
            nextAttemptAt,
            error: String((err as Error).message ?? err).slice(0, 500),
          },
        });
      }
      return true;
    });
    if (!delivered) break;
    sent++;
  }
  return sent;
}

let retryTimer: NodeJS.Timeout | undefined;
const deliverInBackground = () =>
  void deliverPendingEmails().catch((err) => console.error("[mail] delivery failed", err));

/** Kicks off delivery after a commit without making the request wait for SMTP. */
export function deliverSoon(): void {
  if (!smtp()) return;
  deliverInBackground();
  // Failed sends wait for their next attempt: look again every minute while this process runs.
  retryTimer ??= setInterval(deliverInBackground, 60_000).unref();
}

export type OutboxRow = {
  id: number;
  to: string;
  subject: string;
  text: string;
  sentAt: Date | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
};

/**
 * The newest outbox emails about the schools the actor administers at the root. Mail holds links
 * and names, so anyone else (sub-account admins included) is told the outbox does not exist.
 */
export async function listOutbox(actor: Actor, input: { limit?: number } = {}): Promise<OutboxRow[]> {
  const { rootAccountIds } = await getAdminScope(actor.userId);
  if (rootAccountIds.length === 0) throw notFound();
  const rows = await db.outboxEmail.findMany({
    where: { rootAccountId: { in: rootAccountIds } },
    orderBy: { id: "desc" },
    take: Math.min(200, Math.max(1, input.limit ?? 50)),
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      sentAt: true,
      error: true,
      attempts: true,
      createdAt: true,
    },
  });
  // Setup emails are stored without their links; should any text carry one all the same, it is not shown.
  return rows.map((r) => ({ ...r, text: r.text.replace(SETUP_LINK_IN_TEXT, SETUP_LINK_PLACEHOLDER) }));
}

const SETUP_LINK_IN_TEXT = /\S*\/(?:set-password|verify-email)\?token=\S*/g;
