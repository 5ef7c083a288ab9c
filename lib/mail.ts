import "server-only";
// Outgoing mail through a transactional outbox: an email is written in the same transaction as
// the event it reports, then delivered over SMTP when SMTP_URL is set. Without SMTP it stays in
// the outbox (readable at /dev/outbox), never silently dropped.
import nodemailer from "nodemailer";
import { db, type Tx } from "./db.ts";

export type Email = { to: string; subject: string; text: string };

export async function queueEmailInTx(tx: Tx, email: Email): Promise<void> {
  await tx.outboxEmail.create({ data: email });
}

let transport: nodemailer.Transporter | null | undefined;
function smtp(): nodemailer.Transporter | null {
  if (transport === undefined) transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;
  return transport;
}

/** Sends what is waiting in the outbox (when SMTP is configured). Safe to call from any instance. */
export async function deliverPendingEmails(limit = 50): Promise<number> {
  const mailer = smtp();
  if (!mailer) return 0;
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    // Claim one row at a time; SKIP LOCKED lets several instances deliver without double-sending.
    const delivered = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: number; to: string; subject: string; text: string }[]>`
        SELECT id, "to", subject, text FROM outbox_emails WHERE sent_at IS NULL AND error IS NULL
        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      const row = rows[0];
      if (!row) return false;
      try {
        await mailer.sendMail({ from: process.env.MAIL_FROM ?? "Observer Pairing <no-reply@localhost>", to: row.to, subject: row.subject, text: row.text });
        await tx.outboxEmail.update({ where: { id: row.id }, data: { sentAt: new Date() } });
      } catch (err) {
        await tx.outboxEmail.update({ where: { id: row.id }, data: { error: String((err as Error).message ?? err).slice(0, 500) } });
      }
      return true;
    });
    if (!delivered) break;
    sent++;
  }
  return sent;
}

/** Kicks off delivery after a commit without making the request wait for SMTP. */
export function deliverSoon(): void {
  if (!smtp()) return;
  void deliverPendingEmails().catch((err) => console.error("[mail] delivery failed", err));
}

export type OutboxRow = { id: number; to: string; subject: string; text: string; sentAt: Date | null; error: string | null; createdAt: Date };

/** The newest outbox emails (the development outbox page). */
export async function listOutbox(limit = 50): Promise<OutboxRow[]> {
  return db.outboxEmail.findMany({ orderBy: { id: "desc" }, take: Math.min(200, Math.max(1, limit)) });
}
