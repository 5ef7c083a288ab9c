import "server-only";
// Who is staff over a student for pairing codes: who may generate a code for them, and so who
// may not redeem one (a code is a family's consent to observe, not a staff tool).
import { db } from "../platform/db.ts";
import { Prisma } from "../platform/generated/prisma/client.ts";
import type { Actor } from "../accounts/actor.ts";
import { unauthorized } from "../platform/errors.ts";
import { LIVE_COURSE_STATES, LIVE_ENROLLMENT_STATES } from "../platform/live-states.ts";
import { getAdminScope, type AdminScope } from "../accounts/admin-scope.ts";

/** Which student, in which root account, and whether that account lets teachers make codes: values or columns of an enclosing query. */
export type Reach = {
  studentId: Prisma.Sql;
  rootAccountId: Prisma.Sql;
  teachersMayGenerateCodes: Prisma.Sql;
};

/** The student's live student enrollments in the root account, minus `except` (alias `se`; each caller checks the course is live). */
const studentEnrollment = (r: Reach, except: number[]) => Prisma.sql`
  se.user_id = ${r.studentId} AND se.type = 'student'
  AND se.workflow_state = ANY(${LIVE_ENROLLMENT_STATES}::"EnrollmentState"[])
  AND se.root_account_id = ${r.rootAccountId} AND NOT (se.id = ANY(${except}::int[]))`;
const liveCourse = (alias: string) =>
  Prisma.sql`${Prisma.raw(alias)}.workflow_state = ANY(${LIVE_COURSE_STATES}::"CourseState"[])`;

/**
 * SQL: `userId` reaches the student through a course — an admin of a (sub-)account holding a
 * live course the student is enrolled in (Canvas grants them the permission there), or — when
 * the account grants it — a teacher (or TA) of one. Enrollments in `except` do not count. SQL, so
 * a redemption asks it in the same statement that finds the code.
 */
export function reachesThroughCourseSql(userId: number, scope: AdminScope, r: Reach, except: number[] = []) {
  return Prisma.sql`(
    EXISTS (SELECT 1 FROM enrollments se JOIN courses ac ON ac.id = se.course_id
             WHERE ${studentEnrollment(r, except)} AND ${liveCourse("ac")}
               AND ac.account_id = ANY(${scope.accountIds}::int[]))
    OR (${r.teachersMayGenerateCodes} AND EXISTS (
      SELECT 1 FROM enrollments te JOIN courses tc ON tc.id = te.course_id
       WHERE te.user_id = ${userId}::int AND te.type IN ('teacher', 'ta') AND te.workflow_state = 'active'
         AND te.root_account_id = ${r.rootAccountId}
         AND ${liveCourse("tc")}
         AND EXISTS (SELECT 1 FROM enrollments se WHERE se.course_id = tc.id AND ${studentEnrollment(r, except)}))))`;
}

/**
 * SQL: staff over the student in a code's school — a root admin there, or anyone reaching them
 * through a course as for generating (fresh enrollments included: having just made one is no
 * excuse). They may not redeem a code for that student: staff could otherwise make, or be handed,
 * a code and observe the student's courses everywhere in the school.
 */
export const staffOverStudentSql = (userId: number, scope: AdminScope, r: Reach) =>
  Prisma.sql`(${r.rootAccountId} = ANY(${scope.rootAccountIds}::int[]) OR ${reachesThroughCourseSql(userId, scope, r)})`;

/**
 * A day during which an enrollment an actor made does not give them codes: long enough for the
 * school to see a stray enrollment (on the roster, by the student or teacher) before it is turned
 * into a code for the user's parents — or for the actor's own account.
 */
export const FRESH_ENROLLMENT_MS = 24 * 60 * 60 * 1000;

/** The student's enrollments `actorId` made, or brought back to life, through the API in the last day (from the audit log). */
async function freshEnrollmentsBy(actorId: number, studentId: number): Promise<number[]> {
  const events = await db.auditEvent.findMany({
    where: {
      action: { in: ["enrollment.created", "enrollment.updated"] },
      actorId,
      subjectId: studentId,
      createdAt: { gte: new Date(Date.now() - FRESH_ENROLLMENT_MS) },
    },
    select: { action: true, data: true },
  });
  return events.flatMap(({ action, data }) => {
    const d = (data ?? {}) as { enrollmentId?: number; type?: string; from?: string };
    const revived = action === "enrollment.created" || !LIVE_ENROLLMENT_STATES.some((s) => s === d.from);
    return d.type === "student" && revived && typeof d.enrollmentId === "number" ? [d.enrollmentId] : [];
  });
}

/**
 * Who may generate a student's code: the student, an admin of the root account, or staff reaching
 * them through a course. A sub-account admin can enroll any user of the district in a course of
 * theirs (POST /courses/:id/enrollments); if that enrollment alone let them make a code, they could
 * observe that user's courses district-wide. So an enrollment the same actor made in the last day
 * does not count. Root admins, who may link anyone of their school by id anyway, are not limited.
 */
export async function assertMayGenerateFor(
  actor: Actor,
  studentId: number,
  rootAccountId: number,
  teachersMayGenerateCodes: boolean,
) {
  if (actor.userId === studentId) return;
  const scope = await getAdminScope(actor.userId);
  if (scope.rootAccountIds.includes(rootAccountId)) return;
  const reach = {
    studentId: Prisma.sql`${studentId}::int`,
    rootAccountId: Prisma.sql`${rootAccountId}::int`,
    teachersMayGenerateCodes: Prisma.sql`${teachersMayGenerateCodes}::boolean`,
  };
  const except = await freshEnrollmentsBy(actor.userId, studentId);
  const [row] = await db.$queryRaw<{ reaches: boolean }[]>`
    SELECT ${reachesThroughCourseSql(actor.userId, scope, reach, except)} AS reaches`;
  if (!row?.reaches) throw unauthorized();
}
