import "server-only";
// A course-level link (Canvas: "Linking from the People page will only allow the observer to view
// information from the course where they were linked"): an observer enrollment in one course,
// associated to one student, with no account-level observation link behind it.
import { db, type Tx } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { actionMethod, recordAudit } from "../../audit/events.ts";
import type { EnrollmentState } from "../../platform/generated/prisma/client.ts";
import { liveEnrollment } from "../../platform/live-states.ts";
import { fieldError, paramError } from "../../platform/errors.ts";
import { linkNotice } from "../../mail/notifications.ts";
import { deliverSoon, queueEmailInTx } from "../../mail/outbox.ts";
import { assertObserverNotStudent, cannotObserveSelf } from "../../observer-links/index.ts";
import { requireMayLink } from "./access.ts";
import { enrollmentMadeBy } from "../enrollments/source.ts";
import { recipientLocale } from "../../platform/locales.ts";

/** Where a refusal is shown: the API's parameter names by default, a form's own names otherwise. */
export type LinkFields = { observer: string; students: string };
const API_FIELDS: LinkFields = {
  observer: "enrollment[user_id]",
  students: "enrollment[associated_user_id]",
};

export type CourseLinkInput = {
  courseId: number;
  observerId: number;
  studentIds: number[];
  confirmStudentObserver?: boolean;
  /** The enrollment's state (the API's enrollment[enrollment_state]); the People page makes active ones. */
  state?: EnrollmentState;
  fields?: LinkFields;
  /** More work for the link's own transaction, run first (an approval claiming its request). */
  within?: (tx: Tx) => Promise<void>;
};

/**
 * Makes the observer an observer of each student in this course only; returns the enrollment ids
 * (in the order of `studentIds`). Idempotent: an enrollment already in that state changes nothing
 * and tells nobody. Each new or restored link is audited and the student told, as for any link.
 */
export async function linkObserverInCourse(actor: Actor, input: CourseLinkInput): Promise<number[]> {
  const { course, admin } = await requireMayLink(actor, input.courseId);
  const fields = input.fields ?? API_FIELDS;
  // The API names the parameter in its message, as Canvas does; a form shows it by the field.
  const refuse = input.fields ? fieldError : paramError;
  const studentIds = [...new Set(input.studentIds)];
  if (studentIds.length === 0) throw refuse(fields.students, "Choose at least one student.");
  if (studentIds.includes(input.observerId)) throw cannotObserveSelf();
  const [login, allStudents] = await Promise.all([
    db.login.findFirst({
      where: { userId: input.observerId, rootAccountId: course.rootAccountId, workflowState: "active" },
      select: { id: true },
    }),
    areStudentsOf(course.id, studentIds),
  ]);
  if (!login) throw refuse(fields.observer, "The observer has no login in this course's school.");
  if (!allStudents) throw refuse(fields.students, "Each observed user must be a student in this course.");
  await assertObserverNotStudent(input.observerId, input.confirmStudentObserver === true);
  const state = input.state ?? "active";
  const madeBy = await enrollmentMadeBy(actor, course, admin);
  const { ids, changed } = await db.$transaction(async (tx) => {
    await input.within?.(tx);
    const made = [];
    for (const studentId of studentIds)
      made.push(await linkOne(tx, actor, { ...input, studentId, state, madeBy }));
    return { ids: made.map((m) => m.id), changed: made.some((m) => m.changed) };
  });
  if (changed) deliverSoon();
  return ids;
}

/** Whether every one of `studentIds` is a current student of the course. */
export async function areStudentsOf(courseId: number, studentIds: number[]): Promise<boolean> {
  const found = await db.enrollment.findMany({
    where: { courseId, userId: { in: studentIds }, type: "student", ...liveEnrollment },
    distinct: ["userId"],
    select: { userId: true },
  });
  return found.length === new Set(studentIds).size;
}

async function linkOne(
  tx: Tx,
  actor: Actor,
  input: {
    courseId: number;
    observerId: number;
    studentId: number;
    state: EnrollmentState;
    madeBy: Awaited<ReturnType<typeof enrollmentMadeBy>>;
  },
) {
  const key = { courseId: input.courseId, userId: input.observerId, type: "observer" as const };
  const existing = await tx.enrollment.findFirst({
    where: { ...key, associatedUserId: input.studentId },
    select: { id: true, workflowState: true, courseLink: true },
  });
  if (existing?.workflowState === input.state) {
    // Already observing here through the all-courses link: now also in this course on its own, so
    // removing that link later leaves this course (lib/observer-links/core.ts's unlinkInTx).
    if (!existing.courseLink)
      await tx.enrollment.update({ where: { id: existing.id }, data: { courseLink: true } });
    return { id: existing.id, changed: false };
  }
  const course = await tx.course.findUniqueOrThrow({
    where: { id: input.courseId },
    select: { rootAccountId: true, name: true },
  });
  const id = existing
    ? (
        await tx.enrollment.update({
          where: { id: existing.id },
          data: { workflowState: input.state, courseLink: true, ...input.madeBy },
        })
      ).id
    : (
        await tx.enrollment.create({
          data: {
            ...key,
            associatedUserId: input.studentId,
            rootAccountId: course.rootAccountId,
            workflowState: input.state,
            courseLink: true,
            ...input.madeBy,
          },
          select: { id: true },
        })
      ).id;
  await recordAudit(tx, {
    action: "course_link.created",
    actorId: actor.userId,
    subjectId: input.studentId,
    targetId: input.observerId,
    rootAccountId: course.rootAccountId,
    method: actionMethod(actor, input.observerId),
    ip: actor.ip,
    data: {
      courseId: input.courseId,
      enrollmentId: id,
      from: existing?.workflowState ?? null,
      to: input.state,
    },
  });
  await tellStudent(tx, { ...input, rootAccountId: course.rootAccountId, courseName: course.name });
  return { id, changed: true };
}

/** The student's "now observes you" notice (lib/mail/notifications.ts's wording), naming the course. */
async function tellStudent(
  tx: Tx,
  input: { studentId: number; observerId: number; rootAccountId: number; courseName: string },
) {
  const people = await tx.user.findMany({
    where: { id: { in: [input.studentId, input.observerId] } },
    select: { id: true, name: true, email: true, locale: true },
  });
  const student = people.find((p) => p.id === input.studentId);
  const observer = people.find((p) => p.id === input.observerId);
  if (!student || !observer) return;
  const school = await tx.account.findUnique({
    where: { id: input.rootAccountId },
    select: { defaultLocale: true },
  });
  const notice = linkNotice({
    studentName: student.name,
    observerNames: [observer.name],
    locale: recipientLocale(student.locale, school?.defaultLocale),
  });
  const only = ` (in ${input.courseName} only)`;
  await tx.notification.create({
    data: { userId: student.id, kind: "observer_linked", subject: notice.subject + only, body: notice.body },
  });
  if (student.email)
    await queueEmailInTx(tx, {
      to: student.email,
      subject: notice.textSubject + only,
      text: notice.text,
      rootAccountId: input.rootAccountId,
    });
}
