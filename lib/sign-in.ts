import "server-only";
// The lookups password sign-in makes (Auth.js's credentials provider, the CLI).
import { db } from "./db.ts";

/** The active login matching a typed login id in a root account (for sign-in). */
export async function findLoginForSignIn(uniqueId: string, rootAccountId: number) {
  return db.login.findFirst({
    where: {
      rootAccountId,
      uniqueIdNormalized: uniqueId.trim().toLowerCase(),
      workflowState: "active",
      user: { workflowState: "active" },
    },
    select: { id: true, userId: true, passwordHash: true },
  });
}

export async function recordSignIn(loginId: number): Promise<void> {
  await db.login.update({ where: { id: loginId }, data: { lastLoginAt: new Date() } });
}
