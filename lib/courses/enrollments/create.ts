import "server-only";
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { actionMethod, recordAudit } from "../../audit/events.ts";
import { courseAccess } from "../courses.ts";
import { paramError, unauthorized } from "../../platform/errors.ts";
import { followStudentEnrollmentTx } from "../../observer-links/index.ts";
import { enrollUser, type NewEnrollment } from "../provisioning.ts";
import { enrollmentMadeBy } from "./source.ts";
import { LIVE_ENROLLMENT_STATES } from "../../platform/live-states.ts";

const isLive = (state: string) => LIVE_ENROLLMENT_STATES.some((s) => s === state);
import { linkObserverInCourse } from "../observers/link.ts";
import { enrollmentSelect, toEnrollmentJson, type EnrollmentJson } from "./json.ts";

/**
 * POST /courses/:id/enrollments (admins of the course's account). Enrolling someone already
 * enrolled the same way updates the state and returns that enrollment (idempotent); a new student
 * enrollment gives the student's linked observers theirs. An observer enrollment with an
 * associated student is a course-level link (lib/courses/observers/link.ts), which teachers may
 * also make where the school allows.
 */
export async function createEnrollment(
  actor: Actor,
  input: NewEnrollment & { confirmStudentObserver?: boolean },
): Promise<EnrollmentJson> {
  if (input.type === "observer" && input.associatedUserId) {
    const [id] = await linkObserverInCourse(actor, {
      courseId: input.courseId,
      observerId: input.userId,
      studentIds: [input.associatedUserId],
      confirmStudentObserver: input.confirmStudentObserver,
      state: input.state ?? "invited",
    });
    return toEnrollmentJson(
      await db.enrollment.findUniqueOrThrow({ where: { id }, select: enrollmentSelect }),
    );
  }
  const { course, admin } = await courseAccess(actor, input.courseId);
  if (!admin) throw unauthorized();
  const hasLogin = await db.login.findFirst({
    where: { userId: input.userId, rootAccountId: course.rootAccountId, workflowState: "active" },
    select: { id: true },
  });
  if (!hasLogin)
    throw paramError("enrollment[user_id]", "The user has no login in this course's institution.");
  // An observer without a student observes nobody (Canvas allows it); with one, see above.
  const associatedUserId = null;
  const state = input.state ?? "invited";
  // Kept on the enrollment (never read back from the audit log): an enrollment a sub-account
  // admin made gives no one below the root a pairing code for the student.
  const madeBy = await enrollmentMadeBy(actor, course, admin);
  const id = await db.$transaction(async (tx) => {
    // Audited (who enrolled whom): an enrollment is reach over a user.
    const audit = (
      action: "enrollment.created" | "enrollment.updated",
      enrollmentId: number,
      from?: string,
    ) =>
      recordAudit(tx, {
        action,
        actorId: actor.userId,
        subjectId: input.userId,
        rootAccountId: course.rootAccountId,
        method: actionMethod(actor, input.userId),
        ip: actor.ip,
        data: { enrollmentId, courseId: course.id, type: input.type, from: from ?? null, to: state },
      });
    const existing = await tx.enrollment.findFirst({
      where: { courseId: course.id, userId: input.userId, type: input.type, associatedUserId },
      select: { id: true, workflowState: true },
    });
    if (!existing) {
      const made = await enrollUser(
        { courseId: course.id, userId: input.userId, type: input.type, state, associatedUserId, ...madeBy },
        tx,
      );
      await audit("enrollment.created", made.id);
      return made.id;
    }
    // Brought back to life, it is this actor's enrollment now (else a sub-account admin could
    // revive a deleted SIS enrollment and make codes through it).
    const revived = isLive(state) && !isLive(existing.workflowState);
    await tx.enrollment.update({
      where: { id: existing.id },
      data: { workflowState: state, ...(revived ? madeBy : {}) },
    });
    if (existing.workflowState !== state)
      await audit("enrollment.updated", existing.id, existing.workflowState);
    if (input.type === "student")
      await followStudentEnrollmentTx(tx, {
        studentId: input.userId,
        courseId: course.id,
        rootAccountId: course.rootAccountId,
        state,
      });
    return existing.id;
  });
  return toEnrollmentJson(await db.enrollment.findUniqueOrThrow({ where: { id }, select: enrollmentSelect }));
}
