import "server-only";
// Who may read a user, and what they see (GET /users/:id, observee/observer rows for admins).
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { getAdminScope, scopeCoversUser } from "../accounts/admin-scope.ts";
import { notFound, unauthorized } from "../platform/errors.ts";
import { liveEnrollment } from "../platform/live-states.ts";
import { loginRootAccountIds } from "../accounts/permissions.ts";
import { adminLoginSelect, toUserJson, userJsonSelect, withAdminFields, type UserJson } from "./json.ts";

/**
 * How the actor relates to a user: themself, an admin over them, someone with a reason to see them
 * (an observer link either way, or teaching a course they are in), a member of the same
 * institution (who may know they exist but not read them: 401), or nobody (404).
 */
export async function userAccess(
  actor: Actor,
  userId: number,
): Promise<"self" | "admin" | "related" | "peer" | "none"> {
  if (actor.userId === userId) return "self";
  if (await scopeCoversUser(await getAdminScope(actor.userId), userId)) return "admin";
  const [link, teaches] = await Promise.all([
    db.observationLink.findFirst({
      where: {
        workflowState: "active",
        OR: [
          { observerId: actor.userId, studentId: userId },
          { observerId: userId, studentId: actor.userId },
        ],
      },
      select: { id: true },
    }),
    db.enrollment.findFirst({
      where: {
        userId,
        ...liveEnrollment,
        course: {
          enrollments: {
            some: { userId: actor.userId, type: { in: ["teacher", "ta"] }, workflowState: "active" },
          },
        },
      },
      select: { id: true },
    }),
  ]);
  if (link || teaches) return "related";
  const [mine, theirs] = await Promise.all([loginRootAccountIds(actor.userId), loginRootAccountIds(userId)]);
  return mine.some((id) => theirs.includes(id)) ? "peer" : "none";
}

/** GET /users/:id — self, admins (with login_id and sis_user_id), linked observers/students and their teachers. */
export async function getUser(actor: Actor, userId: number): Promise<UserJson> {
  const access = await userAccess(actor, userId);
  if (access === "none") throw notFound();
  if (access === "peer") throw unauthorized();
  const user = await db.user.findFirst({
    where: { id: userId, workflowState: { not: "deleted" } },
    select: { ...userJsonSelect, pronouns: true, ...adminLoginSelect },
  });
  if (!user) throw notFound();
  const json = { ...toUserJson(user, { includeAvatar: true }), pronouns: user.pronouns };
  if (access !== "admin") return json;
  // Logins live in root accounts: a sub-account admin sees those of the schools holding their sub-accounts.
  const { touchedRootAccountIds } = await getAdminScope(actor.userId);
  return withAdminFields(json, user.logins, {
    visibleIn: touchedRootAccountIds,
    preferred: actor.domainRootAccountId,
  });
}

/**
 * Observee/observer rows seen by an admin (not the user themself) carry each user's login_id and
 * sis_user_id from the root accounts the admin manages, as Canvas shows them to admins.
 */
export async function withLinkAdminFields<T extends UserJson>(
  actor: Actor,
  userId: number,
  items: T[],
): Promise<T[]> {
  if (actor.userId === userId || items.length === 0) return items;
  const adminOf = (await getAdminScope(actor.userId)).rootAccountIds;
  const logins = await db.login.findMany({
    where: {
      userId: { in: items.map((i) => i.id) },
      rootAccountId: { in: adminOf },
      workflowState: "active",
    },
    orderBy: { id: "asc" },
    select: { userId: true, rootAccountId: true, uniqueId: true, sisUserId: true },
  });
  for (const item of items)
    withAdminFields(
      item,
      logins.filter((l) => l.userId === item.id),
      { visibleIn: adminOf, preferred: actor.domainRootAccountId },
    );
  return items;
}
