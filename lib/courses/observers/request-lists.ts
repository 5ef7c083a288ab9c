import "server-only";
// Where observers' requests wait: on the People page of each of the student's courses the
// observer does not observe (for staff who may link there), and in the Admin area's queue.
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { requireAdminScope } from "../../accounts/admin-scope.ts";
import { liveEnrollment } from "../../platform/live-states.ts";
import { pageWithTotal, type PageRequest } from "../../platform/pagination.ts";
import { peopleAccess } from "./access.ts";
import { unobservedCourseIds } from "./requests.ts";

const requestSelect = {
  id: true,
  note: true,
  createdAt: true,
  rootAccountId: true,
  observer: { select: { id: true, name: true } },
  student: { select: { id: true, name: true } },
} as const;

/** People pages list at most this many (oldest first); the Admin area's queue pages through all. */
const COURSE_REQUESTS_MAX = 50;

/** The open requests this course's staff may answer here; none for those who may not link. */
export async function listCourseRequests(actor: Actor, courseId: number) {
  const access = await peopleAccess(actor, courseId);
  if (!access.mayLink) return [];
  const found = await db.observerRequest.findMany({
    where: {
      workflowState: "pending",
      rootAccountId: access.course.rootAccountId,
      student: { enrollments: { some: { courseId, type: "student", ...liveEnrollment } } },
    },
    orderBy: { id: "asc" },
    take: COURSE_REQUESTS_MAX,
    select: requestSelect,
  });
  // An observer who already observes the student here has nothing to ask of this course.
  const here = await db.enrollment.findMany({
    where: { courseId, type: "observer", userId: { in: found.map((r) => r.observer.id) }, ...liveEnrollment },
    select: { userId: true, associatedUserId: true },
  });
  const observing = new Set(here.map((e) => `${e.userId}:${e.associatedUserId}`));
  return found.filter((r) => !observing.has(`${r.observer.id}:${r.student.id}`));
}

export type QueuedRequest = Awaited<ReturnType<typeof listRequestQueue>>["rows"][number];

/**
 * The Admin area's queue: open requests for students in courses the admin administers, each with
 * the courses the admin may approve it in (the student's, in the admin's accounts, that the
 * observer does not observe).
 */
export async function listRequestQueue(actor: Actor, input: { page: PageRequest }) {
  const scope = await requireAdminScope(actor);
  const where = {
    workflowState: "pending" as const,
    rootAccountId: { in: scope.touchedRootAccountIds },
    student: {
      enrollments: {
        some: {
          type: "student" as const,
          ...liveEnrollment,
          course: { accountId: { in: scope.accountIds } },
        },
      },
    },
  };
  const { rows, total } = await pageWithTotal(
    input.page,
    (range) =>
      db.observerRequest.findMany({ where, orderBy: { id: "asc" }, ...range, select: requestSelect }),
    () => db.observerRequest.count({ where }),
  );
  const withCourses = [];
  for (const r of rows) {
    const open = await unobservedCourseIds({
      studentId: r.student.id,
      observerId: r.observer.id,
      rootAccountId: r.rootAccountId,
    });
    const courses = await db.course.findMany({
      where: { id: { in: open }, accountId: { in: scope.accountIds } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    });
    withCourses.push({ ...r, courses });
  }
  return { rows: withCourses, total };
}
