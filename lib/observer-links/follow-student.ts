import "server-only";
// Observer enrollments follow the student enrollment they mirror, as in Canvas (an observer's
// enrollment is linked to the student's): when the student's enrollment in a course ends —
// concluded, made inactive or deleted — their observers' enrollments there take the same state,
// so a parent no longer sees the course as current; when it is live again, so are theirs.
import type { Tx } from "../platform/db.ts";
import type { EnrollmentState } from "../platform/generated/prisma/enums.ts";
import { LIVE_ENROLLMENT_STATES } from "../platform/live-states.ts";
import { mirrorNewStudentEnrollment } from "./core.ts";

export async function followStudentEnrollmentTx(
  tx: Tx,
  input: { studentId: number; courseId: number; rootAccountId: number; state: EnrollmentState },
): Promise<void> {
  const theirs = {
    courseId: input.courseId,
    associatedUserId: input.studentId,
    rootAccountId: input.rootAccountId,
    type: "observer" as const,
  };
  if (!LIVE_ENROLLMENT_STATES.includes(input.state)) {
    await tx.enrollment.updateMany({
      where: { ...theirs, workflowState: { not: "deleted" } },
      data: { workflowState: input.state },
    });
    return;
  }
  await mirrorNewStudentEnrollment(tx, input);
  // Only the observers still linked, here or in every course, get theirs back; an unlinked
  // parent's stay deleted.
  const links = await tx.observationLink.findMany({
    where: { studentId: input.studentId, rootAccountId: input.rootAccountId, workflowState: "active" },
    select: { observerId: true },
  });
  await tx.enrollment.updateMany({
    where: {
      ...theirs,
      OR: [{ userId: { in: links.map((l) => l.observerId) } }, { courseLink: true }],
      workflowState: { not: "active" },
    },
    data: { workflowState: "active" },
  });
}
