import "server-only";
import type { Tx } from "../platform/db.ts";
import { LinkMethod } from "../platform/generated/prisma/enums.ts";
import type { Prisma } from "../platform/generated/prisma/client.ts";

/** Every audit event's action: one list for the writers' type and the audit page's filter. */
export const AUDIT_ACTIONS = [
  "link.created",
  "link.restored",
  "link.removed",
  "code.generated",
  "code.revoked",
  "code.redeemed",
  "code.failed",
  "token.created",
  "token.revoked",
  "settings.changed",
  "user.registered",
  "user.masqueraded",
  "login.password_set",
  "login.setup_link_sent",
  "login.setup_link_shown",
  // family: account recovery and email verification
  "login.password_changed",
  "login.reset_requested",
  // Someone registered with this login's email: refused as a wrong code, the owner emailed.
  "login.registration_refused",
  "user.email_verified",
  // Issue 21: the language a user chose on Settings (data: from, to; null: automatic).
  "user.locale_changed",
  "enrollment.created",
  "enrollment.updated",
  // A course-level link: an observer enrollment in one course, made or ended on its own (no
  // account-level link); data.courseId names the course.
  "course_link.created",
  "course_link.removed",
  // An observer's request to observe a student in another course (subject the student, target
  // the observer); an approval's data.courseId names the course it was granted in.
  "observer_request.created",
  "observer_request.approved",
  "observer_request.declined",
  // Throttling (lib/identity/throttle/attempt.ts), once per counter and window: a guesser's or a login's
  // limit was reached and further attempts are refused until the window ends; a school's
  // guessing budget was spent and new guessers must now solve a challenge.
  "throttle.locked_out",
  "throttle.challenge_started",
  // Signing in (data.via: "password" or "sso" with the provider) and single sign-on's setup.
  "login.signed_in",
  "login.sso_refused",
  "sso.provider_added",
  "sso.provider_removed",
  // An admin changed a provider (data.changes; enabling and disabling too) or ran its test sign-in.
  "sso.provider_changed",
  "sso.provider_tested",
  // A student's or staff member's right password, refused: the school switched passwords off for them.
  "login.password_refused",
  // An import's link changes reverted ("Undo this import"): data.sisImportId, removed, restored, skipped.
  "sis_import.undone",
  // A school's scheduled sync (lib/imports/schedules/): data.schedule and data.name; a change's data.changes.
  "sync.schedule_added",
  "sync.schedule_changed",
  "sync.schedule_removed",
  "sync.run_requested",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How a change was made: a link's method (Prisma's enum), also used for unlinks and codes. */
export const AUDIT_METHODS = Object.values(LinkMethod);

export type AuditInput = {
  action: AuditAction;
  actorId?: number | null;
  subjectId?: number | null;
  targetId?: number | null;
  rootAccountId?: number | null;
  method?: LinkMethod | null;
  ip?: string | null;
  data?: Prisma.InputJsonValue;
};

/**
 * How an action was taken, for actions that are not a link's own method (unlinking, making or
 * revoking codes): through the API, by an admin or teacher for someone else, or by the user
 * themself on their own page (null).
 */
export function actionMethod(
  actor: { userId: number; via: "session" | "token" },
  ownerId: number,
): LinkMethod | null {
  if (actor.via === "token") return "api";
  return actor.userId === ownerId ? null : "admin";
}

/**
 * Writes an audit event. Pass the transaction of the change it records, so the event exists
 * exactly when the change does; `db` only for events with no change (a refused attempt).
 */
export async function recordAudit(tx: Pick<Tx, "auditEvent">, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...event } });
}
