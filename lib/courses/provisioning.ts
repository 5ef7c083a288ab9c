import "server-only";
// Creating courses and enrollments, with no authorization of its own: the seed, tests and the
// authorized course functions call these. A student's enrollment gives their observers theirs.
import { db, type Tx } from "../platform/db.ts";
import type {
  EnrollmentSource,
  EnrollmentState,
  EnrollmentType,
} from "../platform/generated/prisma/client.ts";
import { mirrorNewStudentEnrollment } from "../observer-links/core.ts";

export async function createCourse(
  input: { accountId: number; name: string; courseCode?: string; sisCourseId?: string | null },
  tx: Tx = db,
) {
  const account = await tx.account.findUniqueOrThrow({
    where: { id: input.accountId },
    select: { id: true, rootAccountId: true },
  });
  return tx.course.create({
    data: {
      accountId: account.id,
      rootAccountId: account.rootAccountId ?? account.id,
      name: input.name,
      courseCode: input.courseCode ?? input.name,
      sisCourseId: input.sisCourseId ?? null,
    },
    select: { id: true, name: true, rootAccountId: true },
  });
}

export type NewEnrollment = {
  courseId: number;
  userId: number;
  type: EnrollmentType;
  state?: EnrollmentState;
  associatedUserId?: number | null;
  /** Who made it (lib/pairing-codes/staff.ts reads it): the system of record unless a person did. */
  source?: EnrollmentSource;
  createdById?: number | null;
};

/** Enrolls a user; a student enrollment also gives that student's linked observers theirs. */
export async function enrollUser(input: NewEnrollment, tx?: Tx) {
  const run = async (t: Tx) => {
    const course = await t.course.findUniqueOrThrow({
      where: { id: input.courseId },
      select: { id: true, rootAccountId: true },
    });
    const enrollment = await t.enrollment.create({
      data: {
        courseId: course.id,
        userId: input.userId,
        rootAccountId: course.rootAccountId,
        type: input.type,
        workflowState: input.state ?? "active",
        associatedUserId: input.type === "observer" ? (input.associatedUserId ?? null) : null,
        source: input.source ?? "sis",
        createdById: input.createdById ?? null,
      },
      select: { id: true, courseId: true, userId: true, type: true, workflowState: true },
    });
    if (input.type === "student")
      await mirrorNewStudentEnrollment(t, {
        studentId: input.userId,
        courseId: course.id,
        rootAccountId: course.rootAccountId,
      });
    return enrollment;
  };
  return tx ? run(tx) : db.$transaction(run);
}
