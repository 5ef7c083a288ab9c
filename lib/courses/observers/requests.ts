import "server-only";
// An observer's "please let me observe <student> in another course" (Canvas tells observers who
// cannot see all of a student's courses to ask the course's instructor). The observer never
// learns which courses those are: only that there are some, and the school's answer.
import { z } from "zod";
import { db, type Tx } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { recordAudit } from "../../audit/events.ts";
import { AppError, fromPrismaError, notFound } from "../../platform/errors.ts";
import { zodFieldErrors } from "../../platform/action-state.ts";
import { liveEnrollment } from "../../platform/live-states.ts";
import { queueEmailInTx } from "../../mail/outbox.ts";

export const REQUEST_NOTE_MAX = 500;
export const requestNoteSchema = z
  .string()
  .trim()
  .max(REQUEST_NOTE_MAX, `Keep the note under ${REQUEST_NOTE_MAX} characters.`)
  .optional()
  .transform((v) => v || null);

/** The student's live courses in the school that the observer does not observe them in. */
export async function unobservedCourseIds(
  input: { studentId: number; observerId: number; rootAccountId: number },
  client: Tx | typeof db = db,
): Promise<number[]> {
  const [theirs, mine] = await Promise.all([
    studentCourseIds(input, client),
    client.enrollment.findMany({
      where: {
        userId: input.observerId,
        type: "observer",
        associatedUserId: input.studentId,
        rootAccountId: input.rootAccountId,
        ...liveEnrollment,
      },
      select: { courseId: true },
    }),
  ]);
  const observed = new Set(mine.map((e) => e.courseId));
  return theirs.filter((id) => !observed.has(id));
}

/** The student's live courses in the school, observed or not. */
export async function studentCourseIds(
  input: { studentId: number; rootAccountId: number },
  client: Tx | typeof db = db,
): Promise<number[]> {
  const rows = await client.enrollment.findMany({
    where: {
      userId: input.studentId,
      type: "student",
      rootAccountId: input.rootAccountId,
      ...liveEnrollment,
      course: { workflowState: { not: "deleted" } },
    },
    select: { courseId: true },
  });
  return [...new Set(rows.map((e) => e.courseId))];
}

export type RequestState = {
  /** How many of the student's courses the observer does not observe (never which). */
  otherCourses: number;
  /** The open request's date, if one waits for an answer. */
  pendingSince: Date | null;
};

/** For the Observing page: per observed student, whether there is anything to ask for. */
export async function observerRequestStates(
  actor: Actor,
  studentIds: number[],
): Promise<Map<number, RequestState>> {
  const rootAccountId = actor.domainRootAccountId;
  const pending = await db.observerRequest.findMany({
    where: {
      observerId: actor.userId,
      rootAccountId,
      studentId: { in: studentIds },
      workflowState: "pending",
    },
    select: { studentId: true, createdAt: true },
  });
  const states = new Map<number, RequestState>();
  for (const studentId of studentIds) {
    const other = await unobservedCourseIds({ studentId, observerId: actor.userId, rootAccountId });
    const open = pending.find((p) => p.studentId === studentId);
    states.set(studentId, { otherCourses: other.length, pendingSince: open?.createdAt ?? null });
  }
  return states;
}

const ALREADY_ASKED =
  "You have already asked to observe this student in another course: the school will answer it.";

/**
 * Sends the request to the school of this site. Only an observer who observes the student here
 * (in at least one course) may ask; anyone else gets "not found", as for a student they cannot
 * see. One open request per observer and student (a partial unique index holds it under races).
 */
export async function requestAnotherCourse(
  actor: Actor,
  input: { studentId: number; note?: string | null },
): Promise<{ id: number }> {
  const note = requestNoteSchema.safeParse(input.note ?? undefined);
  if (!note.success) {
    const fieldErrors = zodFieldErrors(note.error.issues, "note");
    throw new AppError("bad_request", fieldErrors.note[0], { fieldErrors });
  }
  const rootAccountId = actor.domainRootAccountId;
  const key = { studentId: input.studentId, observerId: actor.userId, rootAccountId };
  const observes = await db.enrollment.findFirst({
    where: {
      userId: actor.userId,
      type: "observer",
      associatedUserId: input.studentId,
      rootAccountId,
      ...liveEnrollment,
    },
    select: { associatedUser: { select: { name: true } } },
  });
  if (!observes) throw notFound();
  const student = observes.associatedUser!.name;
  if ((await unobservedCourseIds(key)).length === 0)
    throw new AppError("conflict", `You already observe ${student} in all of their courses.`);
  try {
    const made = await db.$transaction(async (tx) => {
      const request = await tx.observerRequest.create({
        data: { ...key, note: note.data },
        select: { id: true },
      });
      await recordAudit(tx, {
        action: "observer_request.created",
        actorId: actor.userId,
        subjectId: input.studentId,
        targetId: actor.userId,
        rootAccountId,
        ip: actor.ip,
        data: { requestId: request.id },
      });
      return request;
    });
    return made;
  } catch (err) {
    if (fromPrismaError(err)?.code === "conflict") throw new AppError("conflict", ALREADY_ASKED);
    throw err;
  }
}

/** The observer's answer: an in-app notice, and an email where they have an address. */
export async function tellObserverInTx(
  tx: Tx,
  input: { observerId: number; rootAccountId: number; kind: string; subject: string; body: string },
) {
  const observer = await tx.user.findUniqueOrThrow({
    where: { id: input.observerId },
    select: { email: true },
  });
  await tx.notification.create({
    data: { userId: input.observerId, kind: input.kind, subject: input.subject, body: input.body },
  });
  if (observer.email)
    await queueEmailInTx(tx, {
      to: observer.email,
      subject: input.subject,
      text: input.body,
      rootAccountId: input.rootAccountId,
    });
}
