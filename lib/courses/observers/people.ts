import "server-only";
// The course People page: the course's students, and for each who observes them here and how —
// through an account-level link (all of the student's courses) or in this course only.
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { unauthorized } from "../../platform/errors.ts";
import { liveEnrollment } from "../../platform/live-states.ts";
import type { PageRequest } from "../../platform/pagination.ts";
import { pageOfUsers, userMatchWhere } from "../../users/index.ts";
import { peopleAccess } from "./access.ts";

export type CourseObserver = {
  enrollmentId: number;
  observerId: number;
  name: string;
  /** `all`: an account-level link (every course of the student); `course`: this course only. */
  scope: "all" | "course";
};
export type PeopleStudent = { id: number; name: string; observers: CourseObserver[] };
/** The add form's list of students to choose from; a larger course is searched by name first. */
const CHOICES_MAX = 200;

/** Admins, teachers and TAs read it; `mayLink` says whether the actor may change it. */
export async function getCoursePeople(
  actor: Actor,
  courseId: number,
  input: { q: string; page: PageRequest },
) {
  const access = await peopleAccess(actor, courseId);
  if (!access.seesRoster) throw unauthorized();
  const { course } = access;
  const asStudent = { enrollments: { some: { courseId, type: "student" as const, ...liveEnrollment } } };
  const { rows, total } = await pageOfUsers(
    [asStudent, userMatchWhere(input.q, [course.rootAccountId])],
    input.page,
    {
      id: true,
      name: true,
    },
  );
  const ids = rows.map((r) => r.id);
  const [observing, links, choices] = await Promise.all([
    db.enrollment.findMany({
      where: { courseId, type: "observer", associatedUserId: { in: ids }, ...liveEnrollment },
      orderBy: { id: "asc" },
      select: { id: true, associatedUserId: true, user: { select: { id: true, name: true } } },
    }),
    db.observationLink.findMany({
      where: { studentId: { in: ids }, rootAccountId: course.rootAccountId, workflowState: "active" },
      select: { studentId: true, observerId: true },
    }),
    access.mayLink
      ? db.user.findMany({
          where: { workflowState: { not: "deleted" }, ...asStudent },
          orderBy: [{ sortableName: "asc" }, { id: "asc" }],
          take: CHOICES_MAX,
          select: { id: true, name: true },
        })
      : [],
  ]);
  const linked = new Set(links.map((l) => `${l.studentId}:${l.observerId}`));
  const students: PeopleStudent[] = rows.map((s) => ({
    ...s,
    observers: observing
      .filter((e) => e.associatedUserId === s.id)
      .map((e) => ({
        enrollmentId: e.id,
        observerId: e.user.id,
        name: e.user.name,
        scope: linked.has(`${s.id}:${e.user.id}`) ? "all" : "course",
      })),
  }));
  return {
    course: { id: course.id, name: course.name },
    mayLink: access.mayLink,
    students,
    total,
    choices,
    moreChoices: choices.length === CHOICES_MAX,
  };
}
