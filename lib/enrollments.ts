import "server-only";
import { db } from "./db.ts";
import type { Actor } from "./actor.ts";
import { courseAccess } from "./courses.ts";
import { AppError, notFound, unauthorized } from "./errors.ts";
import { EnrollmentState, type EnrollmentType, type Prisma } from "./generated/prisma/client.ts";
import { mirrorNewStudentEnrollment } from "./observer-links.ts";
import { pageRequest, pageWithTotal, type PageRequest } from "./pagination.ts";
import { getAdminScope } from "./admin/scope.ts";
import { enrollUser } from "./provisioning.ts";
import { userAccess } from "./users.ts";
import { LIVE_ENROLLMENT_STATES, liveEnrollment } from "./live-states.ts";

// Canvas names enrollment types after their Rails classes.
export const ENROLLMENT_TYPES = {
  StudentEnrollment: "student",
  TeacherEnrollment: "teacher",
  TaEnrollment: "ta",
  ObserverEnrollment: "observer",
} as const;
export type CanvasEnrollmentType = keyof typeof ENROLLMENT_TYPES;
const CANVAS_TYPE = Object.fromEntries(Object.entries(ENROLLMENT_TYPES).map(([k, v]) => [v, k])) as Record<
  EnrollmentType,
  CanvasEnrollmentType
>;
export const ENROLLMENT_STATES = Object.values(EnrollmentState);

export type EnrollmentJson = {
  id: number;
  course_id: number;
  user_id: number;
  root_account_id: number;
  type: CanvasEnrollmentType;
  role: CanvasEnrollmentType;
  enrollment_state: EnrollmentState;
  associated_user_id: number | null;
  created_at: string;
  updated_at: string;
  user: { id: number; name: string; sortable_name: string; short_name: string };
};

const enrollmentSelect = {
  id: true,
  courseId: true,
  userId: true,
  rootAccountId: true,
  type: true,
  workflowState: true,
  associatedUserId: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { id: true, name: true, sortableName: true, shortName: true } },
} as const;
type EnrollmentRow = Prisma.EnrollmentGetPayload<{ select: typeof enrollmentSelect }>;

function toEnrollmentJson(e: EnrollmentRow): EnrollmentJson {
  return {
    id: e.id,
    course_id: e.courseId,
    user_id: e.userId,
    root_account_id: e.rootAccountId,
    type: CANVAS_TYPE[e.type],
    role: CANVAS_TYPE[e.type],
    enrollment_state: e.workflowState,
    associated_user_id: e.associatedUserId,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
    user: {
      id: e.user.id,
      name: e.user.name,
      sortable_name: e.user.sortableName,
      short_name: e.user.shortName,
    },
  };
}

export type EnrollmentFilter = { types?: EnrollmentType[]; states?: EnrollmentState[]; page: PageRequest };

async function page(where: Prisma.EnrollmentWhereInput, f: EnrollmentFilter) {
  const full = {
    ...where,
    type: f.types?.length ? { in: f.types } : undefined,
    workflowState: { in: f.states?.length ? f.states : LIVE_ENROLLMENT_STATES },
  };
  const { rows, total } = await pageWithTotal(
    f.page,
    () =>
      db.enrollment.findMany({
        where: full,
        orderBy: { id: "asc" },
        skip: f.page.offset,
        take: f.page.perPage,
        select: enrollmentSelect,
      }),
    () => db.enrollment.count({ where: full }),
  );
  return { total, items: rows.map(toEnrollmentJson) };
}

/**
 * POST /courses/:id/enrollments (admins of the course's account). Enrolling someone already
 * enrolled the same way updates the state and returns that enrollment (idempotent); a new student
 * enrollment gives the student's linked observers theirs.
 */
export async function createEnrollment(
  actor: Actor,
  input: {
    courseId: number;
    userId: number;
    type: EnrollmentType;
    state?: EnrollmentState;
    associatedUserId?: number | null;
  },
): Promise<EnrollmentJson> {
  const { course, admin } = await courseAccess(actor, input.courseId);
  if (!admin) throw unauthorized();
  const hasLogin = await db.login.findFirst({
    where: { userId: input.userId, rootAccountId: course.rootAccountId, workflowState: "active" },
    select: { id: true },
  });
  if (!hasLogin)
    throw fieldError("enrollment[user_id]", "The user has no login in this course's institution.");
  const associatedUserId = input.type === "observer" ? (input.associatedUserId ?? null) : null;
  if (associatedUserId !== null) {
    const student = await db.enrollment.findFirst({
      where: { courseId: course.id, userId: associatedUserId, type: "student", ...liveEnrollment },
      select: { id: true },
    });
    if (!student)
      throw fieldError(
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
 * observers (all of them) and teachers (the courses they teach).
 */
export async function listUserEnrollments(actor: Actor, input: EnrollmentFilter & { userId: number }) {
  const access = await userAccess(actor, input.userId);
  if (access === "none") throw notFound();
  if (access === "peer") throw unauthorized();
  let scope: Prisma.EnrollmentWhereInput = {};
  if (access === "admin") {
    scope = { course: { accountId: { in: (await getAdminScope(actor.userId)).accountIds } } };
  } else if (access === "related") {
    const observes = await db.observationLink.findFirst({
      where: { observerId: actor.userId, studentId: input.userId, workflowState: "active" },
      select: { id: true },
    });
    if (!observes)
      scope = {
        course: {
          enrollments: {
            some: { userId: actor.userId, type: { in: ["teacher", "ta"] }, workflowState: "active" },
          },
        },
      };
  }
  return page({ userId: input.userId, ...scope }, input);
}

function fieldError(field: string, message: string) {
  return new AppError("bad_request", `${field}: ${message}`, { fieldErrors: { [field]: [message] } });
}

/** `type[]` and `state[]` parameters → a filter; Canvas type names or our lower-case ones; unknown → 400. */
export function enrollmentFilter(input: {
  type: string[];
  state: string[];
  page?: unknown;
  per_page?: unknown;
}): EnrollmentFilter {
  const lower = Object.values(ENROLLMENT_TYPES) as string[];
  const types = input.type.map((t) => {
    const type =
      (ENROLLMENT_TYPES as Record<string, EnrollmentType>)[t] ??
      (lower.includes(t) ? (t as EnrollmentType) : null);
    if (!type) throw fieldError("type[]", `unknown enrollment type "${t}".`);
    return type;
  });
  const states = input.state.map((s) => {
    if (!(ENROLLMENT_STATES as string[]).includes(s))
      throw fieldError("state[]", `unknown enrollment state "${s}".`);
    return s as EnrollmentState;
  });
  return { types, states, page: pageRequest(input) };
}
