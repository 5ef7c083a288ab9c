import "server-only";
// Who may manage the observers of one course: admins over the course's account, and its teachers
// where the school's `teachers_may_link_observers` setting is on (Canvas's "add observers to a
// course" permission, which schools grant to teachers or keep for admins).
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { unauthorized } from "../../platform/errors.ts";
import { courseAccess } from "../courses.ts";

export type PeopleAccess = Awaited<ReturnType<typeof courseAccess>> & { mayLink: boolean };

/** courseAccess plus `mayLink`; 404/401 as courseAccess for people outside the course. */
export async function peopleAccess(actor: Actor, courseId: number): Promise<PeopleAccess> {
  const access = await courseAccess(actor, courseId);
  if (access.admin) return { ...access, mayLink: true };
  if (!access.types.has("teacher")) return { ...access, mayLink: false };
  const school = await db.account.findUniqueOrThrow({
    where: { id: access.course.rootAccountId },
    select: { teachersMayLinkObservers: true },
  });
  return { ...access, mayLink: school.teachersMayLinkObservers };
}

/** peopleAccess, refusing (401) anyone who may not change the course's observers. */
export async function requireMayLink(actor: Actor, courseId: number): Promise<PeopleAccess> {
  const access = await peopleAccess(actor, courseId);
  if (!access.mayLink) throw unauthorized();
  return access;
}
