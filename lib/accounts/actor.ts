import "server-only";
import { db } from "../platform/db.ts";

/** Who is acting, re-read from the database on every request (a suspension takes effect at once). */
export type Actor = {
  userId: number;
  name: string;
  /** The root account this request's host belongs to (Canvas's "domain root account"). */
  domainRootAccountId: number;
  ip: string | null;
  via: "session" | "token";
  /**
   * Set when an admin is acting as this user through `as_user_id`: the admin's id. What only the
   * user themself may do (their access tokens) checks it.
   */
  masqueradedBy?: number;
  /** The language this user chose on Settings (null: their browser's, else their school's). */
  locale?: string | null;
};

/**
 * `sessionVersion`: for a browser session, the user's session version it signed in with. A
 * password change raises the user's version, so the session no longer matches and is signed out.
 */
export async function loadActor(
  userId: number,
  ctx: { domainRootAccountId: number; ip: string | null; via: Actor["via"] },
  sessionVersion?: number,
  /** A browser session's id: refused once it signed out (lib/identity/sign-out.ts). */
  sessionId?: string,
): Promise<Actor | null> {
  // Only in a school where the user holds a login: a session is no credential anywhere else.
  const user = await db.user.findFirst({
    where: {
      id: userId,
      workflowState: "active",
      logins: { some: { rootAccountId: ctx.domainRootAccountId, workflowState: "active" } },
      ...(sessionVersion !== undefined && { sessionVersion }),
      ...(sessionId !== undefined && { revokedSessions: { none: { id: sessionId } } }),
    },
    select: { id: true, name: true, locale: true },
  });
  if (!user) return null;
  return { userId: user.id, name: user.name, locale: user.locale, ...ctx };
}

/** The version a new session of this user signs in with (0 for an unknown user: it cannot sign in). */
export async function sessionVersionOf(userId: number): Promise<number> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? 0;
}
