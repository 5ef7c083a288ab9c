import "server-only";
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { notFound } from "../platform/errors.ts";
import { toCsv } from "../platform/csv.ts";
import { createPairingCodes, type NewPairingCode } from "../pairing-codes/index.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";
import { liveEnrollment } from "../platform/live-states.ts";
import { naturalSort } from "../platform/natural-sort.ts";
import { pageOfList, type PageRequest } from "../platform/pagination.ts";
import { userMatchWhere } from "../users/search.ts";

const liveCourse = { workflowState: { in: ["available" as const, "unpublished" as const] } };

/**
 * Courses where the actor may generate pairing codes: any course of an account (root or sub-account,
 * with its sub-accounts) they administer, or a course they teach when its root account lets teachers
 * generate codes. This mirrors createPairingCode's rule, so the page never offers a refused button.
 */
async function codeCoursesWhere(actor: Actor) {
  const scope = await getAdminScope(actor.userId);
  return {
    ...liveCourse,
    OR: [
      { accountId: { in: scope.accountIds } },
      {
        rootAccount: { teachersMayGenerateCodes: true },
        // Active teaching only, as createPairingCode requires: an invited teacher gets no button that fails.
        enrollments: {
          some: {
            userId: actor.userId,
            type: { in: ["teacher" as const, "ta" as const] },
            workflowState: "active" as const,
          },
        },
      },
    ],
  };
}

const courseSearchWhere = (q: string) =>
  q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" as const } },
          { courseCode: { contains: q, mode: "insensitive" as const } },
        ],
      }
    : {};

export type CodeCourse = { id: number; name: string; courseCode: string; account: string; students: number };

/**
 * The courses where the actor may make codes, matching `q` (name or course code), in natural
 * order ("Grade 2" before "Grade 10"); one page of them when `page` is given.
 */
export async function listCodeCourses(
  actor: Actor,
  input: { q?: string; page?: PageRequest } = {},
): Promise<{ items: CodeCourse[]; total: number }> {
  const all = await db.course.findMany({
    where: { AND: [await codeCoursesWhere(actor), courseSearchWhere(input.q?.trim() ?? "")] },
    select: { id: true, name: true },
  });
  const sorted = naturalSort(all, (c) => c.name);
  const { rows, total } = input.page
    ? pageOfList(sorted, input.page)
    : { rows: sorted, total: sorted.length };
  const details = await db.course.findMany({
    where: { id: { in: rows.map((c) => c.id) } },
    select: {
      id: true,
      name: true,
      courseCode: true,
      account: { select: { name: true } },
      _count: { select: { enrollments: { where: { type: "student", ...liveEnrollment } } } },
    },
  });
  const byId = new Map(details.map((c) => [c.id, c]));
  const items = rows.map(({ id }) => {
    const c = byId.get(id)!;
    return {
      id,
      name: c.name,
      courseCode: c.courseCode,
      account: c.account.name,
      students: c._count.enrollments,
    };
  });
  return { items, total };
}

export async function hasCodeCourses(actor: Actor): Promise<boolean> {
  return (await db.course.count({ where: await codeCoursesWhere(actor), take: 1 })) > 0;
}

function splitSortableName(sortable: string, name: string) {
  const [last, first] = sortable.includes(", ") ? sortable.split(", ", 2) : [name, ""];
  return { lastName: last, firstName: first };
}

/**
 * A course's active students in natural order of their sortable names, for the course
 * pairing-codes page (matching `q` — name, login, SIS id — and one page of them when given) and
 * its CSV (all). A course the actor may not use is "not found".
 */
export async function getCourseRoster(
  actor: Actor,
  courseId: number,
  input: { q?: string; page?: PageRequest } = {},
) {
  const course = await db.course.findFirst({
    where: { id: courseId, ...(await codeCoursesWhere(actor)) },
    select: { id: true, name: true, courseCode: true, rootAccountId: true },
  });
  if (!course) throw notFound();
  const enrollments = await db.enrollment.findMany({
    where: {
      courseId,
      type: "student",
      ...liveEnrollment,
      user: { workflowState: "active", ...userMatchWhere(input.q ?? "", [course.rootAccountId]) },
    },
    select: {
      user: {
        select: {
          id: true,
          name: true,
          sortableName: true,
          logins: {
            where: { workflowState: "active", rootAccountId: course.rootAccountId },
            select: { sisUserId: true },
          },
        },
      },
    },
  });
  // A student enrolled twice (two sections) is listed once.
  const users = [...new Map(enrollments.map(({ user }) => [user.id, user])).values()];
  const sorted = naturalSort(users, (u) => u.sortableName);
  const { rows, total } = input.page
    ? pageOfList(sorted, input.page)
    : { rows: sorted, total: sorted.length };
  const students = rows.map((user) => ({
    id: user.id,
    name: user.name,
    ...splitSortableName(user.sortableName, user.name),
    sisUserId: user.logins.find((l) => l.sisUserId)?.sisUserId ?? null,
  }));
  return { id: course.id, name: course.name, courseCode: course.courseCode, students, total };
}

/**
 * One new code per student of the course, all or none (each authorized and audited like a single
 * code). A student at the cap of five refuses the whole batch, naming them, unless the teacher
 * ticked `revokeOldest`: those codes may be on paper already.
 */
async function courseCodes(actor: Actor, courseId: number, revokeOldest: boolean) {
  const roster = await getCourseRoster(actor, courseId);
  const codes = await createPairingCodes(actor, {
    studentIds: roster.students.map((s) => s.id),
    whenFull: revokeOldest ? "revoke-oldest" : "refuse",
  });
  return { roster, codes };
}

/** The course's codes for printed slips, in roster order (what a slip says is in NewPairingCode). */
export async function courseCodeSlips(
  actor: Actor,
  courseId: number,
  revokeOldest: boolean,
): Promise<NewPairingCode[]> {
  return (await courseCodes(actor, courseId, revokeOldest)).codes;
}

/** Canvas's course CSV export (observer_pairing_codes.csv): the same codes as a file. */
export async function courseCodesCsv(
  actor: Actor,
  courseId: number,
  revokeOldest = false,
): Promise<{ filename: string; csv: string }> {
  const { roster, codes } = await courseCodes(actor, courseId, revokeOldest);
  const rows = roster.students.map((s, i) => [
    s.lastName,
    s.firstName,
    s.sisUserId ?? "",
    codes[i].code,
    codes[i].expires_at,
  ]);
  const csv = toCsv(rows, ["Last Name", "First Name", "SIS ID", "Pairing Code", "Expires At"]);
  const slug = roster.courseCode.replace(/[^A-Za-z0-9-]+/g, "_").slice(0, 40) || `course_${roster.id}`;
  return { filename: `${slug}_observer_pairing_codes.csv`, csv };
}
