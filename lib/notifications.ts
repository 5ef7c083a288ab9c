import "server-only";
import { db, type Tx } from "./db.ts";
import type { Actor } from "./actor.ts";
import { queueEmailInTx } from "./mail.ts";

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
  const subject = `${observer.name} now observes your account`;
  const body = `${observer.name} can now follow your courses as an observer. If this is wrong, tell your school.`;
  await tx.notification.create({ data: { userId: student.id, kind: "observer_linked", subject, body } });
  if (student.email)
    await queueEmailInTx(tx, {
      to: student.email,
      subject,
      text: `Hello ${student.name},\n\n${body}\n`,
      rootAccountId: input.rootAccountId,
    });
}

export async function notifyWelcomeInTx(
  tx: Tx,
  input: { email: string; name: string; studentName: string; rootAccountId: number },
): Promise<void> {
  await queueEmailInTx(tx, {
    to: input.email,
    subject: "Welcome to Observer Pairing",
    text: `Hello ${input.name},\n\nYour observer account is ready and linked to ${input.studentName}. Sign in to follow their courses.\n`,
    rootAccountId: input.rootAccountId,
  });
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
