import "server-only";
// Signing out ends the session, not only the browser's copy of it: a session is a JWT in a cookie
// (lib/identity/auth.ts), which stays valid until it expires wherever it was copied to (a shared
// computer's saved cookies, a proxy log). So its id is kept as revoked until then, and
// loadActor (lib/accounts/actor.ts) refuses it in the query that re-reads the user.
import { db } from "../platform/db.ts";

/** How long a session lasts without use (Auth.js's maxAge): a revoked id is kept that long. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * Revokes a signed-in session. A session from before sessions had ids cannot be told apart from
 * the user's others, so signing it out ends all of them (the session version, as a password change).
 */
export async function revokeSession(session: { userId: number; sid?: string | null }): Promise<void> {
  const now = Date.now();
  if (!session.sid) {
    await db.user.update({ where: { id: session.userId }, data: { sessionVersion: { increment: 1 } } });
    return;
  }
  await db.revokedSession.upsert({
    where: { id: session.sid },
    create: {
      id: session.sid,
      userId: session.userId,
      expiresAt: new Date(now + SESSION_MAX_AGE_SECONDS * 1000),
    },
    update: {},
  });
  // Expired ids are useless; prune now and then rather than run a scheduler.
  if (Math.random() < 0.05)
    await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
}
