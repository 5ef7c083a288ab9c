import "server-only";
// What a parent sees on Observing: each student they observe at this school, and per student the
// courses they observe in, how (every course through the school's link, or one course only),
// who teaches each, and the school's contact line. A course the parent does not observe in is
// never named.
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { liveEnrollment } from "../../platform/live-states.ts";
import { naturalSort } from "../../platform/natural-sort.ts";

export type ObservedCourse = { id: number; name: string; teachers: string[] };
export type ObservedStudent = {
  id: number;
  name: string;
  /** Observed in every course through an account-level link (and so may be unlinked by the parent). */
  allCourses: boolean;
  courses: ObservedCourse[];
};

/** The actor's students at the school of this site, with courses, teachers and how to reach the school. */
export async function listObservedStudents(actor: Actor) {
  const rootAccountId = actor.domainRootAccountId;
  const [school, links, enrollments] = await Promise.all([
    db.account.findUniqueOrThrow({
      where: { id: rootAccountId },
      select: { name: true, observerContact: true },
    }),
    db.observationLink.findMany({
      where: { observerId: actor.userId, rootAccountId, workflowState: "active" },
      select: { student: { select: { id: true, name: true } } },
    }),
    db.enrollment.findMany({
      where: {
        userId: actor.userId,
        type: "observer",
        rootAccountId,
        associatedUserId: { not: null },
        ...liveEnrollment,
        course: { workflowState: { not: "deleted" } },
      },
      select: {
        associatedUser: { select: { id: true, name: true } },
        course: { select: { id: true, name: true } },
      },
    }),
  ]);
  const courseIds = [...new Set(enrollments.map((e) => e.course.id))];
  const teaching = await db.enrollment.findMany({
    where: { courseId: { in: courseIds }, type: "teacher", ...liveEnrollment },
    orderBy: { user: { sortableName: "asc" } },
    select: { courseId: true, user: { select: { name: true } } },
  });
  const teachersOf = (courseId: number) =>
    teaching.filter((t) => t.courseId === courseId).map((t) => t.user.name);
  const students = new Map<number, ObservedStudent>();
  for (const { student } of links) students.set(student.id, { ...student, allCourses: true, courses: [] });
  for (const e of enrollments) {
    const s = e.associatedUser!;
    const entry = students.get(s.id) ?? { ...s, allCourses: false, courses: [] };
    entry.courses.push({ ...e.course, teachers: teachersOf(e.course.id) });
    students.set(s.id, entry);
  }
  const list = naturalSort([...students.values()], (s) => s.name).map((s) => ({
    ...s,
    courses: naturalSort(s.courses, (c) => c.name),
  }));
  return { school, students: list };
}
