import "server-only";
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { toCsv } from "../csv.ts";
import { createPairingCodes, type NewPairingCode } from "../pairing-codes/index.ts";
import { getAdminScope } from "./scope.ts";
import { liveEnrollment } from "../live-states.ts";

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

export async function listCodeCourses(actor: Actor) {
  const rows = await db.course.findMany({
    where: await codeCoursesWhere(actor),
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      name: true,
      courseCode: true,
      account: { select: { name: true } },
      _count: {
        select: { enrollments: { where: { type: "student", ...liveEnrollment } } },
      },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    courseCode: c.courseCode,
    account: c.account.name,
    students: c._count.enrollments,
  }));
}

export async function hasCodeCourses(actor: Actor): Promise<boolean> {
  return (await db.course.count({ where: await codeCoursesWhere(actor), take: 1 })) > 0;
}

function splitSortableName(sortable: string, name: string) {
  const [last, first] = sortable.includes(", ") ? sortable.split(", ", 2) : [name, ""];
  return { lastName: last, firstName: first };
}

/** A course's active students, for the course pairing-codes page; a course the actor may not use is "not found". */
export async function getCourseRoster(actor: Actor, courseId: number) {
  const course = await db.course.findFirst({
    where: { id: courseId, ...(await codeCoursesWhere(actor)) },
    select: {
      id: true,
      name: true,
      courseCode: true,
      rootAccountId: true,
      enrollments: {
        where: {
          type: "student",
          ...liveEnrollment,
          user: { workflowState: "active" },
        },
        select: {
          user: {
            select: {
              id: true,
              name: true,
              sortableName: true,
              logins: {
                where: { workflowState: "active" },
                select: { sisUserId: true, rootAccountId: true },
              },
            },
          },
        },
        orderBy: [{ user: { sortableName: "asc" } }, { userId: "asc" }],
      },
    },
  });
  if (!course) throw notFound();
  const students = course.enrollments.map(({ user }) => ({
    id: user.id,
    name: user.name,
    ...splitSortableName(user.sortableName, user.name),
    sisUserId: user.logins.find((l) => l.rootAccountId === course.rootAccountId)?.sisUserId ?? null,
  }));
  return { id: course.id, name: course.name, courseCode: course.courseCode, students };
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
