import "server-only";
// Outgoing mail through a transactional outbox: an email is written in the same transaction as
// the event it reports, then delivered over SMTP by the mail worker (delivery.ts, a queue of the
// job system) when SMTP_URL is set. Without SMTP it stays in the outbox (readable by admins at
// /admin/outbox), never silently dropped.
// A password-setup email is stored with a placeholder for its link, which gets a fresh token only
// as it is sent (see password-setup.ts): nothing in the outbox is a live secret.
import nodemailer from "nodemailer";
import { db, type Tx } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";
import { notFound } from "../platform/errors.ts";
import { jobQueue } from "../platform/jobs.ts";
import { withoutDirectionControls } from "./texts.ts";
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
  const { subject, text } = email;
  await tx.outboxEmail.create({
    data: { ...email, subject: withoutDirectionControls(subject), text: withoutDirectionControls(text) },
  });
}

let transport: nodemailer.Transporter | null | undefined;
/** The SMTP transport, or null when SMTP_URL is unset (then mail stays in the outbox). */
export function mailer(): nodemailer.Transporter | null {
  if (transport === undefined)
    transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;
  return transport;
}

/** Is mail really sent (SMTP configured), or does it stay in the outbox (the local demo)? */
export const mailIsSent = (): boolean => mailer() !== null;

/** The text an outbox email goes out with; null when there is nothing to send any more. */
export async function textToSendInTx(
  tx: Tx,
  email: { text: string; setupLink: string | null; setupTokenId: number | null },
): Promise<string | null> {
  if (email.setupLink === null) return email.text;
  return completeSetupEmailInTx(tx, { ...email, setupLink: email.setupLink });
}

/** The queue of wake-up calls, "mail is waiting in the outbox" (worked in delivery.ts). */
export const MAIL_WAKE_QUEUE = "mail-wake";
// `short`: at most one wake-up waits at a time, however many commits ask for one.
export const mailWakeQueue = () => jobQueue(MAIL_WAKE_QUEUE, { policy: "short" });

/**
 * Asks the mail worker to deliver, after a commit, without making the request wait for SMTP.
 * Should the wake-up itself be lost, the email waits for the next one, or for a worker's start.
 */
export function deliverSoon(): void {
  if (!mailer()) return;
  void mailWakeQueue()
    .then((b) => b.send(MAIL_WAKE_QUEUE, {}))
    .catch((err) => console.error("[mail] could not wake delivery", err));
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
