import "server-only";
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { getAdminScope } from "../../accounts/admin-scope.ts";
import { courseAccess } from "../courses.ts";
import { notFound, unauthorized } from "../../platform/errors.ts";
import type { Prisma } from "../../platform/generated/prisma/client.ts";
import { LIVE_ENROLLMENT_STATES } from "../../platform/live-states.ts";
import { pageWithTotal } from "../../platform/pagination.ts";
import { userAccess } from "../../users/index.ts";
import { enrollmentSelect, toEnrollmentJson, type EnrollmentFilter } from "./json.ts";

async function page(where: Prisma.EnrollmentWhereInput, f: EnrollmentFilter) {
  const full = {
    ...where,
    type: f.types?.length ? { in: f.types } : undefined,
    workflowState: { in: f.states?.length ? f.states : LIVE_ENROLLMENT_STATES },
  };
  const { rows, total } = await pageWithTotal(
    f.page,
    (range) =>
      db.enrollment.findMany({
        where: full,
        orderBy: { id: "asc" },
        ...range,
        select: enrollmentSelect,
      }),
    () => db.enrollment.count({ where: full }),
  );
  return { total, items: rows.map(toEnrollmentJson) };
}

/**
 * GET /courses/:id/enrollments — admins, teachers and TAs see the roster; other members see their
 * own enrollments and those of the students they observe there. Default states: active, invited.
 */
export async function listCourseEnrollments(
  actor: Actor,
  input: EnrollmentFilter & { courseId: number; userId?: number },
) {
  const access = await courseAccess(actor, input.courseId);
  const visible = access.seesRoster ? {} : { userId: { in: [actor.userId, ...access.observing] } };
  return page(
    { courseId: input.courseId, ...visible, ...(input.userId ? { AND: [{ userId: input.userId }] } : {}) },
    input,
  );
}

/**
 * GET /users/:id/enrollments — the user, admins (courses of the accounts they manage), the user's
 * observers (the schools where their link is active) and teachers (the courses they teach).
 */
export async function listUserEnrollments(actor: Actor, input: EnrollmentFilter & { userId: number }) {
  const access = await userAccess(actor, input.userId);
  if (access === "none") throw notFound();
  if (access === "peer") throw unauthorized();
  let scope: Prisma.EnrollmentWhereInput = {};
  if (access === "admin") {
    scope = { course: { accountId: { in: (await getAdminScope(actor.userId)).accountIds } } };
  } else if (access === "related") {
    // A link covers its own school only: a student's enrollments elsewhere are not the observer's.
    const links = await db.observationLink.findMany({
      where: { observerId: actor.userId, studentId: input.userId, workflowState: "active" },
      select: { rootAccountId: true },
    });
    scope = {
      OR: [
        { rootAccountId: { in: links.map((l) => l.rootAccountId) } },
        {
          course: {
            enrollments: {
              some: { userId: actor.userId, type: { in: ["teacher", "ta"] }, workflowState: "active" },
            },
          },
        },
      ],
    };
  }
  return page({ userId: input.userId, ...scope }, input);
}
