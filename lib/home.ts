import "server-only";
import type { Actor } from "./actor.ts";
import { hasActiveStudentEnrollment } from "./permissions.ts";
import { getRootAccountSettings } from "./accounts.ts";
import { getAdminScope, isAnyAdmin } from "./admin/scope.ts";
import { hasCodeCourses } from "./admin/courses.ts";
import { countUnreadNotifications } from "./notifications.ts";

/** What the navigation needs to know about the signed-in person. */
export async function getHomeSummary(actor: Actor) {
  const [isStudent, scope, courses, unread] = await Promise.all([
    hasActiveStudentEnrollment(actor.userId),
    getAdminScope(actor.userId),
    hasCodeCourses(actor),
    countUnreadNotifications(actor),
  ]);
  return { isStudent, isAdmin: isAnyAdmin(scope), hasCodeCourses: courses, unread };
}

/**
 * Whether the student may make a pairing code here, and if not, the reason in words — the page
 * explains instead of offering a button that fails.
 */
export async function getPairingEligibility(actor: Actor) {
  const [isStudent, account] = await Promise.all([
    hasActiveStudentEnrollment(actor.userId),
    getRootAccountSettings(actor.domainRootAccountId),
  ]);
  let reason: string | null = null;
  if (!isStudent)
    reason =
      "Pairing codes are for students: you need an active enrollment as a student in a course to create one.";
  else if (account.selfRegistration === "none")
    reason = `${account.name} has not turned on observer registration, so pairing codes cannot be used. Ask your school to link your parent or guardian for you.`;
  return {
    isStudent,
    canGenerate: reason === null,
    reason,
    accountName: account.name,
    lifetimeDays: Math.round(account.pairingCodeLifetimeMinutes / 1440),
    studentsMayRemoveObservers: account.studentsMayRemoveObservers,
  };
}
