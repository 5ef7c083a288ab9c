import "server-only";
// Who is staff over a student for pairing codes: who may generate a code for them, and so who
// may not redeem one (a code is a family's consent to observe, not a staff tool).
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { getRootAccountSettings } from "../accounts/accounts.ts";
import { unauthorized } from "../platform/errors.ts";
import { LIVE_ENROLLMENT_STATES, liveCourse, liveStudentEnrollment } from "../platform/live-states.ts";
import { adminRootAccountIds } from "../accounts/permissions.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";

type Reach = { studentId: number; rootAccountId: number; teachersMayGenerateCodes: boolean };

/** The student's live student enrollments in `rootAccountId`, minus `except`. */
const studentEnrollments = (r: Reach, except: number[]) => ({
  userId: r.studentId,
  ...liveStudentEnrollment,
  rootAccountId: r.rootAccountId,
  ...(except.length ? { id: { notIn: except } } : {}),
});

/**
 * Reaches the student through a course: an admin of a (sub-)account holding a live course the
 * student is enrolled in (Canvas grants them the permission there), or — when the account grants
 * it — a teacher (or TA) of one. Enrollments in `except` do not count.
 */
async function reachesThroughCourse(userId: number, r: Reach, except: number[]): Promise<boolean> {
  const { accountIds } = await getAdminScope(userId);
  const viaAdmin =
    accountIds.length > 0 &&
    (await db.enrollment.findFirst({
      where: { ...studentEnrollments(r, except), course: { accountId: { in: accountIds }, ...liveCourse } },
      select: { id: true },
    }));
  if (viaAdmin) return true;
  if (!r.teachersMayGenerateCodes) return false;
  const viaTeaching = await db.enrollment.findFirst({
    where: {
      userId,
      type: { in: ["teacher", "ta"] },
      workflowState: "active",
      rootAccountId: r.rootAccountId,
      course: { ...liveCourse, enrollments: { some: studentEnrollments(r, except) } },
    },
    select: { id: true },
  });
  return !!viaTeaching;
}

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
  if ((await adminRootAccountIds(actor.userId)).includes(rootAccountId)) return;
  const reach = { studentId, rootAccountId, teachersMayGenerateCodes };
  if (await reachesThroughCourse(actor.userId, reach, await freshEnrollmentsBy(actor.userId, studentId)))
    return;
  throw unauthorized();
}

/**
 * Staff over the student in the code's school — a root admin, or anyone reaching them through a
 * course as for generating (fresh enrollments included: having just made one is no excuse).
 * They may not redeem a code for that student: staff could otherwise make, or be handed, a code
 * and observe the student's courses everywhere in the school.
 */
export async function isStaffOverStudent(userId: number, studentId: number, rootAccountId: number) {
  if ((await adminRootAccountIds(userId)).includes(rootAccountId)) return true;
  const { teachersMayGenerateCodes } = await getRootAccountSettings(rootAccountId);
  return reachesThroughCourse(userId, { studentId, rootAccountId, teachersMayGenerateCodes }, []);
}
