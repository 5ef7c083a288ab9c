import "server-only";
import type { Tx } from "./db.ts";
import type { LinkMethod, Prisma } from "./generated/prisma/client.ts";

export type AuditAction =
  | "link.created"
  | "link.restored"
  | "link.removed"
  | "code.generated"
  | "code.revoked"
  | "code.redeemed"
  | "code.failed"
  | "token.created"
  | "token.revoked"
  | "settings.changed"
  | "user.registered"
  | "user.masqueraded"
  | "login.password_set";

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

/** Writes an audit event inside the caller's transaction, so it exists exactly when the change does. */
export async function recordAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...event } });
}
