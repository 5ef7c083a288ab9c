import "server-only";
import type { Tx } from "../platform/db.ts";
import { recordAudit } from "../audit/events.ts";
import type { LinkMethod } from "../platform/generated/prisma/client.ts";
import { notifyLinkCreatedInTx } from "../mail/notifications.ts";
import { liveEnrollment } from "../platform/live-states.ts";

/**
 * Creates or restores the link (student, observer, root account) and mirrors the observer's
 * enrollments. Runs inside the caller's transaction; returns whether anything changed.
 */
export async function linkInTx(
  tx: Tx,
  input: {
    studentId: number;
    observerId: number;
    rootAccountId: number;
    method: LinkMethod;
    actorId: number;
    ip: string | null;
  },
): Promise<"created" | "restored" | "unchanged"> {
  const key = {
    studentId: input.studentId,
    observerId: input.observerId,
    rootAccountId: input.rootAccountId,
  };
  const existing = await tx.observationLink.findUnique({
    where: { studentId_observerId_rootAccountId: key },
    select: { id: true, workflowState: true },
  });
  if (existing?.workflowState === "active") return "unchanged";
  // upsert is a single INSERT … ON CONFLICT, so two concurrent links of the same pair cannot both insert.
  await tx.observationLink.upsert({
    where: { studentId_observerId_rootAccountId: key },
    create: { ...key, method: input.method, createdById: input.actorId },
    update: { workflowState: "active", method: input.method, createdById: input.actorId },
  });
  await mirrorObserverEnrollments(tx, key);
  const outcome = existing ? "restored" : "created";
  await recordAudit(tx, {
    action: outcome === "created" ? "link.created" : "link.restored",
    actorId: input.actorId,
    subjectId: input.studentId,
    targetId: input.observerId,
    rootAccountId: input.rootAccountId,
    method: input.method,
    ip: input.ip,
  });
  await notifyLinkCreatedInTx(tx, {
    studentId: input.studentId,
    observerId: input.observerId,
    rootAccountId: input.rootAccountId,
  });
  return outcome;
}

/** The observer enrollments a link gives (observer in the student's courses, associated to them). */
const observerEnrollmentsOf = (pair: { studentId: number; observerId: number }) => ({
  userId: pair.observerId,
  associatedUserId: pair.studentId,
  type: "observer" as const,
});

/** Links (or restores) the pair in each of the root accounts, in the caller's transaction. */
export async function linkInAccountsTx(
  tx: Tx,
  input: Omit<Parameters<typeof linkInTx>[1], "rootAccountId"> & { rootAccountIds: number[] },
): Promise<void> {
  const { rootAccountIds, ...link } = input;
  for (const rootAccountId of rootAccountIds) await linkInTx(tx, { ...link, rootAccountId });
}

/** Soft-deletes the links and the observer enrollments they gave; restoring the link restores them. */
export async function unlinkInTx(
  tx: Tx,
  input: {
    studentId: number;
    observerId: number;
    rootAccountIds: number[];
    actorId: number;
    ip: string | null;
    method: LinkMethod | null;
  },
): Promise<number> {
  const active = await tx.observationLink.findMany({
    where: {
      studentId: input.studentId,
      observerId: input.observerId,
      rootAccountId: { in: input.rootAccountIds },
      workflowState: "active",
    },
    select: { id: true, rootAccountId: true },
  });
  if (active.length === 0) return 0;
  const accounts = active.map((l) => l.rootAccountId);
  await tx.observationLink.updateMany({
    where: { id: { in: active.map((l) => l.id) } },
    data: { workflowState: "deleted" },
  });
  await tx.enrollment.updateMany({
    where: {
      ...observerEnrollmentsOf(input),
      rootAccountId: { in: accounts },
      workflowState: { not: "deleted" },
    },
    data: { workflowState: "deleted" },
  });
  for (const rootAccountId of accounts) {
    await recordAudit(tx, {
      action: "link.removed",
      actorId: input.actorId,
      subjectId: input.studentId,
      targetId: input.observerId,
      rootAccountId,
      method: input.method,
      ip: input.ip,
    });
  }
  return active.length;
}

/** Gives the observer an active observer enrollment in each live course of the student in that root account. */
export async function mirrorObserverEnrollments(
  tx: Tx,
  key: { studentId: number; observerId: number; rootAccountId: number },
) {
  const studentEnrollments = await tx.enrollment.findMany({
    where: {
      userId: key.studentId,
      type: "student",
      rootAccountId: key.rootAccountId,
      ...liveEnrollment,
      // Concluded courses too: a parent may still read a finished course's grades.
      course: { workflowState: { not: "deleted" } },
    },
    select: { courseId: true },
  });
  const courseIds = [...new Set(studentEnrollments.map((e) => e.courseId))];
  if (courseIds.length === 0) return;
  await tx.enrollment.createMany({
    data: courseIds.map((courseId) => ({
      courseId,
      userId: key.observerId,
      rootAccountId: key.rootAccountId,
      type: "observer" as const,
      associatedUserId: key.studentId,
      workflowState: "active" as const,
    })),
    skipDuplicates: true,
  });
  // Restoring a link restores the observer enrollments its removal soft-deleted.
  await tx.enrollment.updateMany({
    where: { ...observerEnrollmentsOf(key), courseId: { in: courseIds }, workflowState: "deleted" },
    data: { workflowState: "active" },
  });
}

/** A new student enrollment gives each of the student's active observers (in that root account) theirs. */
export async function mirrorNewStudentEnrollment(
  tx: Tx,
  input: { studentId: number; courseId: number; rootAccountId: number },
) {
  const links = await tx.observationLink.findMany({
    where: { studentId: input.studentId, rootAccountId: input.rootAccountId, workflowState: "active" },
    select: { observerId: true },
  });
  if (links.length === 0) return;
  await tx.enrollment.createMany({
    data: links.map((l) => ({
      courseId: input.courseId,
      userId: l.observerId,
      rootAccountId: input.rootAccountId,
      type: "observer" as const,
      associatedUserId: input.studentId,
    })),
    skipDuplicates: true,
  });
}
