import "server-only";
// GET /courses/:id/users — Canvas's "List users in course": the course's users (one row per user,
// sorted by sortable name), optionally with their enrollments here and, for observers, the
// students they observe (`observed_user` on each observer enrollment, as Canvas writes it).
import type { Actor } from "../../accounts/actor.ts";
import { paramError, unauthorized } from "../../platform/errors.ts";
import type { EnrollmentState, EnrollmentType, Prisma } from "../../platform/generated/prisma/client.ts";
import { db } from "../../platform/db.ts";
import { LIVE_ENROLLMENT_STATES } from "../../platform/live-states.ts";
import type { PageRequest } from "../../platform/pagination.ts";
import {
  adminLoginSelect,
  pageOfUsers,
  toUserJson,
  userJsonSelect,
  userMatchWhere,
  withAdminFields,
  type UserJson,
} from "../../users/index.ts";
import { courseAccess } from "../courses.ts";
import {
  ENROLLMENT_STATES,
  enrollmentSelect,
  toEnrollmentJson,
  type EnrollmentJson,
} from "../enrollments/json.ts";

export const COURSE_USER_TYPES = ["student", "teacher", "ta", "observer"] as const;
const SEARCH_TERM_MIN = 2;

type CourseEnrollmentJson = Omit<EnrollmentJson, "user"> & { observed_user?: UserJson };
export type CourseUserJson = UserJson & { enrollments?: CourseEnrollmentJson[] };

export type CourseUsersInput = {
  courseId: number;
  types: string[];
  states: string[];
  searchTerm?: string;
  include: string[];
  page: PageRequest;
};

/** `enrollment_type[]`: Canvas's lower-case names; designer and student_view match nobody here. */
function typesOf(values: string[]): EnrollmentType[] {
  return values.flatMap((t) => {
    if ((COURSE_USER_TYPES as readonly string[]).includes(t)) return [t as EnrollmentType];
    if (t === "designer" || t === "student_view") return [];
    throw paramError("enrollment_type[]", `unknown enrollment type "${t}".`);
  });
}

/**
 * Admins, teachers and TAs of the course (Canvas's read_roster). Unlike Canvas, students and
 * observers are refused (401): the list says who observes whom, which is not theirs to read.
 */
export async function listCourseUsers(actor: Actor, input: CourseUsersInput) {
  const { course, admin, seesRoster } = await courseAccess(actor, input.courseId);
  if (!seesRoster) throw unauthorized();
  const term = input.searchTerm?.trim();
  if (term !== undefined && term.length < SEARCH_TERM_MIN)
    throw paramError("search_term", `must be at least ${SEARCH_TERM_MIN} characters.`);
  const types = typesOf(input.types);
  const states = input.states.map((s) => {
    if (!(ENROLLMENT_STATES as string[]).includes(s))
      throw paramError("enrollment_state[]", `unknown enrollment state "${s}".`);
    return s as EnrollmentState;
  });
  if (input.types.length > 0 && types.length === 0) return { items: [], total: 0 };
  const here: Prisma.EnrollmentWhereInput = {
    courseId: course.id,
    ...(types.length ? { type: { in: types } } : {}),
    workflowState: { in: states.length ? states : LIVE_ENROLLMENT_STATES },
  };
  const withEnrollments = input.include.includes("enrollments");
  const withObserved = input.include.includes("observed_users");
  const { rows, total } = await pageOfUsers(
    [{ enrollments: { some: here } }, userMatchWhere(term ?? "", [course.rootAccountId])],
    input.page,
    {
      ...userJsonSelect,
      ...(admin ? adminLoginSelect : {}),
      enrollments: { where: here, orderBy: { id: "asc" }, select: enrollmentSelect },
    },
  );
  const observedIds = withObserved
    ? [...new Set(rows.flatMap((u) => u.enrollments.flatMap((e) => e.associatedUserId ?? [])))]
    : [];
  const observed = new Map(
    (await db.user.findMany({ where: { id: { in: observedIds } }, select: userJsonSelect })).map((u) => [
      u.id,
      toUserJson(u),
    ]),
  );
  const items = rows.map((u) => {
    const json: CourseUserJson = toUserJson(u, { includeAvatar: input.include.includes("avatar_url") });
    if (admin && "logins" in u)
      withAdminFields(json, u.logins, { visibleIn: [course.rootAccountId], preferred: course.rootAccountId });
    // observed_users alone still shows whom each observer observes: it needs the enrollments.
    if (withEnrollments || (withObserved && u.enrollments.some((e) => e.type === "observer")))
      json.enrollments = u.enrollments.map((e) => {
        const { user: _user, ...rest } = toEnrollmentJson(e);
        const who = e.associatedUserId ? observed.get(e.associatedUserId) : undefined;
        return who ? { ...rest, observed_user: who } : rest;
      });
    return json;
  });
  return { items, total };
}
