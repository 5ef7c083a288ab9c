import "server-only";
// DELETE /courses/:id/enrollments/:id — Canvas's "conclude, deactivate, or delete an enrollment",
// and the People page's "Remove" of a course-level link.
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { actionMethod, recordAudit } from "../../audit/events.ts";
import type { EnrollmentState } from "../../platform/generated/prisma/client.ts";
import { notFound, unauthorized } from "../../platform/errors.ts";
import { followStudentEnrollmentTx } from "../../observer-links/index.ts";
import { enrollmentSelect, toEnrollmentJson, type EnrollmentJson } from "../enrollments/json.ts";
import { peopleAccess } from "./access.ts";

/** Canvas's tasks (its default is conclude) and the state each leaves the enrollment in. */
export const ENROLLMENT_TASKS = {
  conclude: "completed",
  delete: "deleted",
  inactivate: "inactive",
  deactivate: "inactive",
} as const satisfies Record<string, EnrollmentState>;
export type EnrollmentTask = keyof typeof ENROLLMENT_TASKS;

/**
 * Admins end any enrollment of the course; teachers who may link observers end observer
 * enrollments that are course-level links (an all-courses link is the school's to remove). An
 * enrollment of another course is not found. Ending a student's enrollment ends their observers'
 * there too (lib/observer-links/follow-student.ts).
 */
export async function endEnrollment(
  actor: Actor,
  input: { courseId: number; enrollmentId: number; task?: EnrollmentTask },
): Promise<EnrollmentJson> {
  const access = await peopleAccess(actor, input.courseId);
  const row = await db.enrollment.findFirst({
    where: { id: input.enrollmentId, courseId: access.course.id, workflowState: { not: "deleted" } },
    select: { id: true, userId: true, type: true, associatedUserId: true, workflowState: true },
  });
  if (!row) {
    if (!access.seesRoster) throw unauthorized();
    throw notFound();
  }
  const courseLink = row.type === "observer" && row.associatedUserId !== null;
  if (!access.admin) {
    const linked =
      courseLink &&
      (await db.observationLink.findFirst({
        where: {
          observerId: row.userId,
          studentId: row.associatedUserId!,
          rootAccountId: access.course.rootAccountId,
          workflowState: "active",
        },
        select: { id: true },
      }));
    if (!access.mayLink || !courseLink || linked) throw unauthorized();
  }
  const state = ENROLLMENT_TASKS[input.task ?? "conclude"];
  await db.$transaction(async (tx) => {
    // A removed course-level link is gone for good: restoring an all-courses link later brings
    // the enrollment back as that link's, which goes again with it.
    await tx.enrollment.update({
      where: { id: row.id },
      data: { workflowState: state, ...(state === "deleted" ? { courseLink: false } : {}) },
    });
    const base = {
      actorId: actor.userId,
      rootAccountId: access.course.rootAccountId,
      ip: actor.ip,
      data: {
        courseId: access.course.id,
        enrollmentId: row.id,
        type: row.type,
        from: row.workflowState,
        to: state,
      },
    };
    if (courseLink)
      await recordAudit(tx, {
        ...base,
        action: "course_link.removed",
        subjectId: row.associatedUserId,
        targetId: row.userId,
        method: actionMethod(actor, row.userId),
      });
    else
      await recordAudit(tx, {
        ...base,
        action: "enrollment.updated",
        subjectId: row.userId,
        method: actionMethod(actor, row.userId),
      });
    if (row.type === "student")
      await followStudentEnrollmentTx(tx, {
        studentId: row.userId,
        courseId: access.course.id,
        rootAccountId: access.course.rootAccountId,
        state,
      });
  });
  return toEnrollmentJson(
    await db.enrollment.findUniqueOrThrow({ where: { id: row.id }, select: enrollmentSelect }),
  );
}
