import "server-only";
// What the navigation and the landing page know about the signed-in person: their roles decide
// what they are shown (a parent sees nothing about making codes, a student no "Add a student").
import { db } from "./db.ts";
import type { Actor } from "./actor.ts";
import { hasActiveStudentEnrollment } from "./permissions.ts";
import { getAdminScope, isAnyAdmin } from "./admin/scope.ts";
import { hasCodeCourses } from "./admin/courses.ts";
import { countUnreadNotifications } from "./notifications.ts";
import { hasRole } from "./users/roles.ts";

/**
 * Who may observe: anyone who is not a student somewhere (parents, and staff who are parents
 * too), and a student who already observes someone. A student entering another student's code is
 * almost always a mistake (or a child pairing with a friend), so students are not offered it.
 */
export function mayObserveWith(roles: { isStudent: boolean; observes: boolean }): boolean {
  return !roles.isStudent || roles.observes;
}

export async function observesAnyone(userId: number): Promise<boolean> {
  const link = await db.observationLink.findFirst({
    where: { observerId: userId, workflowState: "active" },
    select: { id: true },
  });
  return !!link;
}

/** What the navigation needs to know about the signed-in person. */
export async function getHomeSummary(actor: Actor) {
  const [isStudent, observes, scope, courses, isTeacher, unread] = await Promise.all([
    hasActiveStudentEnrollment(actor.userId),
    observesAnyone(actor.userId),
    getAdminScope(actor.userId),
    hasCodeCourses(actor),
    hasRole(actor.userId, "teacher"),
    countUnreadNotifications(actor),
  ]);
  return {
    isStudent,
    observes,
    mayObserve: mayObserveWith({ isStudent, observes }),
    isAdmin: isAnyAdmin(scope),
    hasCodeCourses: courses,
    isTeacher,
    unread,
  };
}
