import "server-only";
import { db, type Tx } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { queueEmailInTx } from "./outbox.ts";
import { plainTextName } from "./texts.ts";

/** Tells a student, in the app and by email, that someone now observes them (Canvas tells nobody). */
export async function notifyLinkCreatedInTx(
  tx: Tx,
  input: { studentId: number; observerId: number; rootAccountId: number },
): Promise<void> {
  const [student, observer] = await Promise.all([
    tx.user.findUniqueOrThrow({
      where: { id: input.studentId },
      select: { id: true, name: true, email: true },
    }),
    tx.user.findUniqueOrThrow({ where: { id: input.observerId }, select: { name: true } }),
  ]);
  const notice = linkNotice({ studentName: student.name, observerNames: [observer.name] });
  await tx.notification.create({
    data: { userId: student.id, kind: "observer_linked", subject: notice.subject, body: notice.body },
  });
  if (student.email)
    await queueEmailInTx(tx, {
      to: student.email,
      subject: notice.textSubject,
      text: notice.text,
      rootAccountId: input.rootAccountId,
    });
}

function linkWords(names: string[]) {
  const who =
    names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const many = names.length > 1;
  return {
    subject: `${who} now ${many ? "observe" : "observes"} your account`,
    body: `${who} can now follow your courses as ${many ? "observers" : "an observer"}. If this is wrong, tell your school.`,
  };
}

/**
 * What a student is told when one or more people start observing them (one wording everywhere).
 * The email (`textSubject`, `text`) is plain text a mail client may autolink, so the names people
 * chose for themselves are defanged there (mail-text.ts); the app shows them as they are.
 */
export function linkNotice(input: { studentName: string; observerNames: string[] }) {
  const mail = linkWords(input.observerNames.map(plainTextName));
  return {
    ...linkWords(input.observerNames),
    textSubject: mail.subject,
    text: `Hello ${plainTextName(input.studentName)},\n\n${mail.body}\n`,
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
