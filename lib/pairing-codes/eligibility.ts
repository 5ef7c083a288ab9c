import "server-only";
import type { Actor } from "../accounts/actor.ts";
import { getRootAccountSettings } from "../accounts/accounts.ts";
import { hasActiveStudentEnrollment } from "../accounts/permissions.ts";
import {
  observerRegistrationClosedMessage,
  observerRegistrationOpen,
} from "../accounts/self-registration.ts";

export const NOT_A_STUDENT =
  "Pairing codes are for students: you need an active enrollment as a student in a course to create one.";

/**
 * Whether the signed-in user may make a pairing code here, and if not, the reason in words — the
 * page explains instead of offering a button that fails. The same rules createPairingCode enforces.
 */
export async function getPairingEligibility(actor: Actor) {
  const [isStudent, account] = await Promise.all([
    hasActiveStudentEnrollment(actor.userId),
    getRootAccountSettings(actor.domainRootAccountId),
  ]);
  const reason = !isStudent
    ? NOT_A_STUDENT
    : !observerRegistrationOpen(account)
      ? observerRegistrationClosedMessage(account)
      : null;
  return {
    isStudent,
    canGenerate: reason === null,
    reason,
    accountName: account.name,
    lifetimeDays: Math.round(account.pairingCodeLifetimeMinutes / 1440),
    studentsMayRemoveObservers: account.studentsMayRemoveObservers,
  };
}
