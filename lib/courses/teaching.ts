import "server-only";
// What a teacher who may not make pairing codes sees instead of an empty Courses page: the
// courses they teach, why there is no code button, and who in their school can help.
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { liveCourse, liveEnrollment } from "../platform/live-states.ts";
import { naturalSort } from "../platform/natural-sort.ts";

const TEACHING = { type: { in: ["teacher" as const, "ta" as const] }, ...liveEnrollment };
const ADMINS_SHOWN = 5;

export type TeachingSummary = {
  courses: { id: number; name: string; courseCode: string; school: string; students: number }[];
  /** Per school the actor teaches in: its root-account admins to ask (a few, by name). */
  schools: { id: number; name: string; admins: { name: string; email: string | null }[] }[];
};

/** The courses the actor teaches (current enrollments, running courses) and their schools' admins. */
export async function getTeachingSummary(actor: Actor): Promise<TeachingSummary> {
  const rows = await db.course.findMany({
    where: { ...liveCourse, enrollments: { some: { userId: actor.userId, ...TEACHING } } },
    select: {
      id: true,
      name: true,
      courseCode: true,
      rootAccount: { select: { id: true, name: true } },
      _count: { select: { enrollments: { where: { type: "student", ...liveEnrollment } } } },
    },
    take: 500,
  });
  const courses = naturalSort(rows, (c) => c.name).map((c) => ({
    id: c.id,
    name: c.name,
    courseCode: c.courseCode,
    school: c.rootAccount.name,
    students: c._count.enrollments,
  }));
  const roots = [...new Map(rows.map((c) => [c.rootAccount.id, c.rootAccount])).values()];
  const schools = await Promise.all(
    naturalSort(roots, (r) => r.name).map(async (root) => {
      const admins = await db.accountAdmin.findMany({
        where: { accountId: root.id, workflowState: "active", user: { workflowState: "active" } },
        select: { user: { select: { name: true, email: true } } },
        orderBy: { id: "asc" },
        take: ADMINS_SHOWN,
      });
      return { ...root, admins: admins.map((a) => a.user) };
    }),
  );
  return { courses, schools };
}
