import "server-only";
// Staff answer an observer's request in one step: approve it in a course (a course-level link,
// made by linkObserverInCourse in the same transaction that claims the request, so two approvers
// racing make one link and one answer) or decline it. Either way the observer is told.
import { db, type Tx } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { recordAudit } from "../../audit/events.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { deliverSoon } from "../../mail/outbox.ts";
import { peopleAccess } from "./access.ts";
import { linkObserverInCourse } from "./link.ts";
import { studentCourseIds, tellObserverInTx, unobservedCourseIds } from "./requests.ts";

type Request = { id: number; observerId: number; studentId: number; rootAccountId: number };

const ANSWERED = "This request has already been answered.";

async function findRequest(requestId: number) {
  return db.observerRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      observerId: true,
      studentId: true,
      rootAccountId: true,
      workflowState: true,
      student: { select: { name: true } },
    },
  });
}

/**
 * Whether the actor may answer the request: staff who may link observers (lib/courses/observers/
 * access.ts) in `courseId`, or, without one, in any of the student's courses the observer does not
 * observe. Anyone else is told it does not exist. A request already answered is checked against
 * all the student's courses: an approval a moment ago made its course an observed one, and the
 * approver who lost that race hears "already answered" (409), not "no such request".
 */
async function requireMayAnswer(
  actor: Actor,
  request: Request & { workflowState: string },
  courseId?: number,
) {
  const current = await db.observerRequest.findUnique({
    where: { id: request.id },
    select: { workflowState: true },
  });
  const open =
    current?.workflowState === "pending"
      ? await unobservedCourseIds(request)
      : await studentCourseIds(request);
  const candidates = courseId === undefined ? open : open.filter((id) => id === courseId);
  for (const id of candidates) {
    const access = await peopleAccess(actor, id).catch(() => null);
    if (access?.mayLink) return;
  }
  throw notFound();
}

/** Claims a pending request (a conditional update: of two racing answers, one wins). */
async function claim(
  tx: Tx,
  actor: Actor,
  requestId: number,
  to: "approved" | "declined",
  courseId?: number,
) {
  const { count } = await tx.observerRequest.updateMany({
    where: { id: requestId, workflowState: "pending" },
    data: { workflowState: to, decidedById: actor.userId, decidedAt: new Date(), courseId: courseId ?? null },
  });
  if (count === 0) throw new AppError("conflict", ANSWERED);
}

/** Approves the request in `courseId`: the observer then observes the student there too. */
export async function approveObserverRequest(actor: Actor, input: { requestId: number; courseId: number }) {
  const request = await findRequest(input.requestId);
  if (!request) throw notFound();
  await requireMayAnswer(actor, request, input.courseId);
  if (request.workflowState !== "pending") throw new AppError("conflict", ANSWERED);
  // Between the check and here another approver may have won: the claim below refuses then.
  const course = await db.course.findUniqueOrThrow({ where: { id: input.courseId }, select: { name: true } });
  await linkObserverInCourse(actor, {
    courseId: input.courseId,
    observerId: request.observerId,
    studentIds: [request.studentId],
    // The observer already observes this student (they could not ask otherwise), which was checked then.
    confirmStudentObserver: true,
    within: async (tx) => {
      await claim(tx, actor, request.id, "approved", input.courseId);
      await recordAudit(tx, {
        action: "observer_request.approved",
        actorId: actor.userId,
        subjectId: request.studentId,
        targetId: request.observerId,
        rootAccountId: request.rootAccountId,
        ip: actor.ip,
        data: { requestId: request.id, courseId: input.courseId },
      });
      await tellObserverInTx(tx, {
        ...request,
        kind: "observer_request_approved",
        subject: `You can now observe ${request.student.name} in ${course.name}`,
        body: `Your school approved your request: ${course.name} is now on your Observing page.`,
      });
    },
  });
  deliverSoon();
  return { studentName: request.student.name, courseName: course.name };
}

/** Declines the request; `courseId` is the People page it was answered on, if any. */
export async function declineObserverRequest(actor: Actor, input: { requestId: number; courseId?: number }) {
  const request = await findRequest(input.requestId);
  if (!request) throw notFound();
  await requireMayAnswer(actor, request, input.courseId);
  const school = await db.account.findUniqueOrThrow({
    where: { id: request.rootAccountId },
    select: { observerContact: true },
  });
  await db.$transaction(async (tx) => {
    await claim(tx, actor, request.id, "declined");
    await recordAudit(tx, {
      action: "observer_request.declined",
      actorId: actor.userId,
      subjectId: request.studentId,
      targetId: request.observerId,
      rootAccountId: request.rootAccountId,
      ip: actor.ip,
      data: { requestId: request.id, ...(input.courseId ? { courseId: input.courseId } : {}) },
    });
    const contact = school.observerContact ? ` To talk it over: ${school.observerContact}` : "";
    await tellObserverInTx(tx, {
      ...request,
      kind: "observer_request_declined",
      subject: `Your request to observe ${request.student.name} in another course was declined`,
      body: `Your school declined your request to observe ${request.student.name} in another course.${contact}`,
    });
  });
  deliverSoon();
  return { studentName: request.student.name };
}
