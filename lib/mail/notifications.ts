import "server-only";
import { db } from "../platform/db.ts";
import { Prisma } from "../platform/generated/prisma/client.ts";
import type { Actor } from "../accounts/actor.ts";
import { translator } from "../platform/messages.ts";
import { plainTextName } from "./texts.ts";

/**
 * Tells a student, in the app and by email, that someone now observes them (Canvas tells nobody):
 * as CTEs of the statement that makes the links (lib/observer-links/core.ts), one notification and
 * one email (when the student has an address; the outbox row queueEmailInTx would write) for each
 * row of the CTE named `links`, which carries the link's root_account_id.
 */
export function linkNoticeCtes(
  links: string,
  input: {
    studentId: number;
    studentName: string;
    studentEmail: string | null;
    observerName: string;
    /** The student's language (lib/platform/locales.ts's recipientLocale). */
    studentLocale?: string | null;
    now: Prisma.Sql;
  },
): Prisma.Sql {
  const notice = linkNotice({
    studentName: input.studentName,
    observerNames: [input.observerName],
    locale: input.studentLocale,
  });
  const from = Prisma.raw(links);
  const to = Prisma.sql`${input.studentEmail}::text`;
  return Prisma.sql`
    link_notifications AS (
      INSERT INTO notifications (user_id, kind, subject, body, created_at)
      SELECT ${input.studentId}::int, 'observer_linked', ${notice.subject}::text, ${notice.body}::text, ${input.now}
        FROM ${from}),
    link_emails AS (
      INSERT INTO outbox_emails (root_account_id, "to", subject, text, created_at)
      SELECT root_account_id, ${to}, ${notice.textSubject}::text, ${notice.text}::text, ${input.now}
        FROM ${from} WHERE ${to} IS NOT NULL)`;
}

function linkWords(names: string[], locale?: string | null) {
  const t = translator(locale);
  const list = new Intl.ListFormat(locale ?? "en", { style: "long", type: "conjunction" }).format(names);
  const values = { names: list, count: names.length };
  return { subject: t("Emails.linkSubject", values), body: t("Emails.linkBody", values) };
}

/**
 * What a student is told when one or more people start observing them (one wording everywhere),
 * in the student's language. The email (`textSubject`, `text`) is plain text a mail client may
 * autolink, so the names people chose for themselves are defanged there (mail-text.ts); the app
 * shows them as they are.
 */
export function linkNotice(input: { studentName: string; observerNames: string[]; locale?: string | null }) {
  const mail = linkWords(input.observerNames.map(plainTextName), input.locale);
  const t = translator(input.locale);
  return {
    ...linkWords(input.observerNames, input.locale),
    textSubject: mail.subject,
    text: `${t("Emails.greeting", { name: plainTextName(input.studentName) })}\n\n${mail.body}\n`,
  };
}

export type NotificationRow = {
  id: number;
  kind: string;
  subject: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
};

export async function listNotifications(actor: Actor, limit = 50): Promise<NotificationRow[]> {
  return db.notification.findMany({
    where: { userId: actor.userId },
    orderBy: { id: "desc" },
    take: Math.min(200, Math.max(1, limit)),
    select: { id: true, kind: true, subject: true, body: true, readAt: true, createdAt: true },
  });
}

export async function countUnreadNotifications(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.userId, readAt: null } });
}

export async function markNotificationsRead(actor: Actor): Promise<void> {
  await db.notification.updateMany({
    where: { userId: actor.userId, readAt: null },
    data: { readAt: new Date() },
  });
}
