import "server-only";
import type { Actor } from "./actor.ts";
import { adminRootAccountIds, hasActiveStudentEnrollment } from "./permissions.ts";

/** What the navigation needs to know about the signed-in person. */
export async function getHomeSummary(actor: Actor) {
  const [isStudent, adminOf] = await Promise.all([hasActiveStudentEnrollment(actor.userId), adminRootAccountIds(actor.userId)]);
  return { isStudent, isAdmin: adminOf.length > 0 };
}
