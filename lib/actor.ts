import "server-only";
import { db } from "./db.ts";

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
};

export async function loadActor(
  userId: number,
  ctx: { domainRootAccountId: number; ip: string | null; via: Actor["via"] },
): Promise<Actor | null> {
  // Only in a school where the user holds a login: a session is no credential anywhere else.
  const user = await db.user.findFirst({
    where: {
      id: userId,
      workflowState: "active",
      logins: { some: { rootAccountId: ctx.domainRootAccountId, workflowState: "active" } },
    },
    select: { id: true, name: true },
  });
  if (!user) return null;
  return { userId: user.id, name: user.name, ...ctx };
}
