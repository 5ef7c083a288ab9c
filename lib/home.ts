import "server-only";
import type { Actor } from "./actor.ts";
import { hasActiveStudentEnrollment } from "./permissions.ts";
import { getAdminScope, isAnyAdmin } from "./admin/scope.ts";
import { hasCodeCourses } from "./admin/courses.ts";
import { countUnreadNotifications } from "./notifications.ts";
import { hasRole } from "./users/roles.ts";

/** What the navigation needs to know about the signed-in person. */
export async function getHomeSummary(actor: Actor) {
  const [isStudent, scope, courses, isTeacher, unread] = await Promise.all([
    hasActiveStudentEnrollment(actor.userId),
    getAdminScope(actor.userId),
    hasCodeCourses(actor),
    hasRole(actor.userId, "teacher"),
    countUnreadNotifications(actor),
  ]);
  return { isStudent, isAdmin: isAnyAdmin(scope), hasCodeCourses: courses, isTeacher, unread };
}
