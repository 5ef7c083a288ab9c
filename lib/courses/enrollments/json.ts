// Canvas's Enrollment JSON and the `type[]`/`state[]` filter as the API takes them.
import { paramError } from "../../platform/errors.ts";
import { EnrollmentState, type EnrollmentType, type Prisma } from "../../platform/generated/prisma/client.ts";
import { pageRequest, type PageRequest } from "../../platform/pagination.ts";

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

export const enrollmentSelect = {
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

export function toEnrollmentJson(e: EnrollmentRow): EnrollmentJson {
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
    if (!type) throw paramError("type[]", `unknown enrollment type "${t}".`);
    return type;
  });
  const states = input.state.map((s) => {
    if (!(ENROLLMENT_STATES as string[]).includes(s))
      throw paramError("state[]", `unknown enrollment state "${s}".`);
    return s as EnrollmentState;
  });
  return { types, states, page: pageRequest(input) };
}
