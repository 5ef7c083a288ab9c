import "server-only";
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { requireAccountAdmin } from "../accounts/accounts.ts";
import { fromPrismaError, notFound, paramError, unauthorized } from "../platform/errors.ts";
import type { EnrollmentType, Prisma } from "../platform/generated/prisma/client.ts";
import { createCourse as insertCourse } from "./provisioning.ts";
import { loginRootAccountIds } from "../accounts/permissions.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";
import { liveEnrollment } from "../platform/live-states.ts";

/** Canvas's Course object (the fields this product uses). */
export type CourseJson = {
  id: number;
  name: string;
  course_code: string;
  account_id: number;
  root_account_id: number;
  workflow_state: string;
  created_at: string;
  sis_course_id?: string | null;
};

const courseSelect = {
  id: true,
  name: true,
  courseCode: true,
  accountId: true,
  rootAccountId: true,
  workflowState: true,
  createdAt: true,
  sisCourseId: true,
} as const;
type CourseRow = Prisma.CourseGetPayload<{ select: typeof courseSelect }>;

function toCourseJson(c: CourseRow, admin: boolean): CourseJson {
  const json: CourseJson = {
    id: c.id,
    name: c.name,
    course_code: c.courseCode,
    account_id: c.accountId,
    root_account_id: c.rootAccountId,
    workflow_state: c.workflowState,
    created_at: c.createdAt.toISOString(),
  };
  if (admin) json.sis_course_id = c.sisCourseId;
  return json;
}

/**
 * What the actor may do in a course: `admin` (administers its account), the types of their own
 * live enrollments there, and the students they observe in it. Not found when it does not exist or
 * lies in an institution the actor has no login in; 401 for other members of the institution.
 */
export async function courseAccess(actor: Actor, courseId: number) {
  const course = await db.course.findFirst({
    where: { id: courseId, workflowState: { not: "deleted" } },
    select: courseSelect,
  });
  if (!course) throw notFound();
  const [scope, mine] = await Promise.all([
    getAdminScope(actor.userId),
    db.enrollment.findMany({
      where: { courseId, userId: actor.userId, ...liveEnrollment },
      select: { type: true, associatedUserId: true },
    }),
  ]);
  const admin = scope.accountIds.includes(course.accountId);
  if (!admin && mine.length === 0) {
    if ((await loginRootAccountIds(actor.userId)).includes(course.rootAccountId)) throw unauthorized();
    throw notFound();
  }
  const types = new Set<EnrollmentType>(mine.map((e) => e.type));
  const observing = mine.flatMap((e) =>
    e.type === "observer" && e.associatedUserId ? [e.associatedUserId] : [],
  );
  return { course, admin, types, observing, seesRoster: admin || types.has("teacher") || types.has("ta") };
}

/** GET /courses/:id */
export async function getCourse(actor: Actor, courseId: number): Promise<CourseJson> {
  const { course, admin } = await courseAccess(actor, courseId);
  return toCourseJson(course, admin);
}

/**
 * POST /accounts/:id/courses (admins). Unpublished unless `offer` (Canvas's default);
 * a duplicate SIS id is a 400 naming course[sis_course_id].
 */
export async function createCourse(
  actor: Actor,
  input: { accountId: number; name?: string; courseCode?: string; sisCourseId?: string; offer?: boolean },
): Promise<CourseJson> {
  const { rootAccountId } = await requireAccountAdmin(actor, input.accountId);
  if (
    input.sisCourseId &&
    (await db.course.findFirst({
      where: { rootAccountId, sisCourseId: input.sisCourseId },
      select: { id: true },
    }))
  ) {
    throw sisTaken(input.sisCourseId);
  }
  const name = input.name?.trim() || "Unnamed Course";
  try {
    const id = await db.$transaction(async (tx) => {
      const created = await insertCourse(
        {
          accountId: input.accountId,
          name,
          courseCode: input.courseCode?.trim() || name,
          sisCourseId: input.sisCourseId ?? null,
        },
        tx,
      );
      if (!input.offer)
        await tx.course.update({ where: { id: created.id }, data: { workflowState: "unpublished" } });
      return created.id;
    });
    return toCourseJson(await db.course.findUniqueOrThrow({ where: { id }, select: courseSelect }), true);
  } catch (err) {
    if (fromPrismaError(err)?.code === "conflict" && input.sisCourseId) throw sisTaken(input.sisCourseId);
    throw err;
  }
}

function sisTaken(sis: string) {
  const message = `SIS ID "${sis}" is already in use`;
  return paramError("course[sis_course_id]", message);
}
