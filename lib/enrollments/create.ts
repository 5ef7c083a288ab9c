import "server-only";
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { courseAccess } from "../courses.ts";
import { paramError, unauthorized } from "../errors.ts";
import { LIVE_ENROLLMENT_STATES, liveEnrollment } from "../live-states.ts";
import { mirrorNewStudentEnrollment } from "../observer-links.ts";
import { enrollUser, type NewEnrollment } from "../provisioning.ts";
import { enrollmentSelect, toEnrollmentJson, type EnrollmentJson } from "./json.ts";

/**
 * POST /courses/:id/enrollments (admins of the course's account). Enrolling someone already
 * enrolled the same way updates the state and returns that enrollment (idempotent); a new student
 * enrollment gives the student's linked observers theirs.
 */
export async function createEnrollment(actor: Actor, input: NewEnrollment): Promise<EnrollmentJson> {
  const { course, admin } = await courseAccess(actor, input.courseId);
  if (!admin) throw unauthorized();
  const hasLogin = await db.login.findFirst({
    where: { userId: input.userId, rootAccountId: course.rootAccountId, workflowState: "active" },
    select: { id: true },
  });
  if (!hasLogin)
    throw paramError("enrollment[user_id]", "The user has no login in this course's institution.");
  const associatedUserId = input.type === "observer" ? (input.associatedUserId ?? null) : null;
  if (associatedUserId !== null) {
    const student = await db.enrollment.findFirst({
      where: { courseId: course.id, userId: associatedUserId, type: "student", ...liveEnrollment },
      select: { id: true },
    });
    if (!student)
      throw paramError(
        "enrollment[associated_user_id]",
        "The associated user must be a student in this course.",
      );
  }
  const state = input.state ?? "invited";
  const id = await db.$transaction(async (tx) => {
    const existing = await tx.enrollment.findFirst({
      where: { courseId: course.id, userId: input.userId, type: input.type, associatedUserId },
      select: { id: true },
    });
    if (!existing)
      return (
        await enrollUser(
          { courseId: course.id, userId: input.userId, type: input.type, state, associatedUserId },
          tx,
        )
      ).id;
    await tx.enrollment.update({ where: { id: existing.id }, data: { workflowState: state } });
    if (input.type === "student" && LIVE_ENROLLMENT_STATES.includes(state))
      await mirrorNewStudentEnrollment(tx, {
        studentId: input.userId,
        courseId: course.id,
        rootAccountId: course.rootAccountId,
      });
    return existing.id;
  });
  return toEnrollmentJson(await db.enrollment.findUniqueOrThrow({ where: { id }, select: enrollmentSelect }));
}
