import "server-only";
// What the navigation and the landing page know about the signed-in person: their roles decide
// what they are shown (a parent sees nothing about making codes, a student no "Add a student").
import { cache } from "react";
import type { Actor } from "../accounts/actor.ts";
import { hasActiveStudentEnrollment } from "../accounts/permissions.ts";
import { getAdminScope, isAnyAdmin } from "../accounts/admin-scope.ts";
import { hasCodeCourses } from "./courses.ts";
import { countUnreadNotifications } from "../mail/notifications.ts";
import { hasRole } from "../users/roles.ts";

/**
 * What the navigation needs to know about the signed-in person. Read once per page render (React
 * cache, keyed by the request's one actor object): the layout and the page both ask.
 */
export const getHomeSummary = cache(async (actor: Actor) => {
  const [isStudent, observes, scope, courses, isTeacher, unread] = await Promise.all([
    hasActiveStudentEnrollment(actor.userId),
    hasRole(actor.userId, "observer"),
    getAdminScope(actor.userId),
    hasCodeCourses(actor),
    hasRole(actor.userId, "teacher"),
    countUnreadNotifications(actor),
  ]);
  return {
    isStudent,
    observes,
    // Who may observe: anyone who is not a student (parents, and staff who are parents too), and a
    // student who already observes someone. A student entering another student's code is almost
    // always a mistake (or a child pairing with a friend), so students are not offered it.
    mayObserve: !isStudent || observes,
    isAdmin: isAnyAdmin(scope),
    hasCodeCourses: courses,
    isTeacher,
    unread,
  };
});
