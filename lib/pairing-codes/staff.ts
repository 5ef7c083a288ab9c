import "server-only";
// Who is staff over a student for pairing codes: who may generate a code for them, and so who
// may not redeem one (a code is a family's consent to observe, not a staff tool).
import { db } from "../platform/db.ts";
import { Prisma, type EnrollmentSource } from "../platform/generated/prisma/client.ts";
import type { Actor } from "../accounts/actor.ts";
import { unauthorized } from "../platform/errors.ts";
import { LIVE_COURSE_STATES, LIVE_ENROLLMENT_STATES } from "../platform/live-states.ts";
import { getAdminScope, isAnyAdmin, type AdminScope } from "../accounts/admin-scope.ts";

/** Which student, in which root account, and whether that account lets teachers make codes: values or columns of an enclosing query. */
export type Reach = {
  studentId: Prisma.Sql;
  rootAccountId: Prisma.Sql;
  teachersMayGenerateCodes: Prisma.Sql;
};

/**
 * Which of the student's enrollments give `userId` reach: every one (null: for the staff check,
 * staff is staff however they came to be), or — for making codes — only those that did not come
 * from the maker or their peers (the `source` column, lib/courses/enrollments/create.ts).
 */
export type Trusted = { sources: EnrollmentSource[]; notMadeBy: number } | null;

/** The student's live student enrollments in the root account that count (alias `se`; each caller checks the course is live). */
const studentEnrollment = (r: Reach, trusted: Trusted) => Prisma.sql`
  se.user_id = ${r.studentId} AND se.type = 'student'
  AND se.workflow_state = ANY(${LIVE_ENROLLMENT_STATES}::"EnrollmentState"[])
  AND se.root_account_id = ${r.rootAccountId}
  ${
    trusted
      ? Prisma.sql`AND se.source = ANY(${trusted.sources}::"EnrollmentSource"[])
                   AND se.created_by_id IS DISTINCT FROM ${trusted.notMadeBy}::int`
      : Prisma.empty
  }`;
const liveCourse = (alias: string) =>
  Prisma.sql`${Prisma.raw(alias)}.workflow_state = ANY(${LIVE_COURSE_STATES}::"CourseState"[])`;

/**
 * SQL: `userId` reaches the student through a course — an admin of a (sub-)account holding a
 * live course the student is enrolled in (Canvas grants them the permission there), or — when
 * the account grants it — a teacher (or TA) of one. Only enrollments `trusted` allows count. SQL,
 * so a redemption asks it in the same statement that finds the code.
 */
export function reachesThroughCourseSql(
  userId: number,
  scope: AdminScope,
  r: Reach,
  trusted: Trusted = null,
) {
  return Prisma.sql`(
    EXISTS (SELECT 1 FROM enrollments se JOIN courses ac ON ac.id = se.course_id
             WHERE ${studentEnrollment(r, trusted)} AND ${liveCourse("ac")}
               AND ac.account_id = ANY(${scope.accountIds}::int[]))
    OR (${r.teachersMayGenerateCodes} AND EXISTS (
      SELECT 1 FROM enrollments te JOIN courses tc ON tc.id = te.course_id
       WHERE te.user_id = ${userId}::int AND te.type IN ('teacher', 'ta') AND te.workflow_state = 'active'
         AND te.root_account_id = ${r.rootAccountId}
         AND ${liveCourse("tc")}
         AND EXISTS (SELECT 1 FROM enrollments se WHERE se.course_id = tc.id AND ${studentEnrollment(r, trusted)}))))`;
}

/**
 * SQL: staff over the student in a code's school — a root admin there, or anyone reaching them
 * through a course as for generating (fresh enrollments included: having just made one is no
 * excuse), and a teacher of theirs whether or not the school lets teachers make codes (it decides
 * who may make codes, not whether a teacher is staff). They may not redeem a code for that student: staff could otherwise make, or be handed,
 * a code and observe the student's courses everywhere in the school.
 */
export const staffOverStudentSql = (userId: number, scope: AdminScope, r: Reach) =>
  Prisma.sql`(${r.rootAccountId} = ANY(${scope.rootAccountIds}::int[]) OR ${reachesThroughCourseSql(userId, scope, { ...r, teachersMayGenerateCodes: Prisma.sql`true` })})`;

/**
 * The enrollments that let staff below the root make a student's codes: those from the school's
 * system of record or a root admin (or made before sources were kept) — never the maker's own,
 * and for a sub-account admin never another sub-account admin's (a peer could enroll a district
 * student in a course of theirs and make a code for an accomplice to observe the student
 * everywhere). A teacher (who is no admin) may also use a sub-account admin's enrollment.
 */
export function trustedFor(userId: number, scope: AdminScope): Trusted {
  const above: EnrollmentSource[] = ["sis", "root_admin", "legacy"];
  return {
    sources: isAnyAdmin(scope) ? above : [...above, "sub_account_admin"],
    notMadeBy: userId,
  };
}

/**
 * Who may generate a student's code: the student, an admin of the root account, or staff reaching
 * them through a course by an enrollment that did not come from themselves or their peers
 * (trustedFor). Root admins, who may link anyone of their school by id anyway, are not limited.
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
  const [row] = await db.$queryRaw<{ reaches: boolean }[]>`
    SELECT ${reachesThroughCourseSql(actor.userId, scope, reach, trustedFor(actor.userId, scope))} AS reaches`;
  if (!row?.reaches) throw unauthorized();
}
