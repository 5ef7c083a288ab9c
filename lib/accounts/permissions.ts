import "server-only";
import { db } from "../platform/db.ts";
import { getAdminScope } from "./admin-scope.ts";
import { liveStudentEnrollment } from "../platform/live-states.ts";

// Account admins hold every permission of their account. Observer links live at the root
// account, so `manage_user_observers` is checked against root accounts (getAdminScope's
// rootAccountIds).

/** Root accounts in which the user holds an active login. */
export async function loginRootAccountIds(userId: number): Promise<number[]> {
  const rows = await db.login.findMany({
    where: { userId, workflowState: "active" },
    select: { rootAccountId: true },
  });
  return [...new Set(rows.map((r) => r.rootAccountId))];
}

/** Root accounts where both users hold a login, in ascending id order. */
export async function sharedRootAccountIds(a: number, b: number): Promise<number[]> {
  const [ra, rb] = await Promise.all([loginRootAccountIds(a), loginRootAccountIds(b)]);
  const set = new Set(rb);
  return ra.filter((id) => set.has(id)).sort((x, y) => x - y);
}

/** May `actorId` manage the observer links of `userId`? Self always; else an admin of a shared root account. */
export async function manageableRootAccountIds(actorId: number, userId: number): Promise<number[]> {
  const [{ rootAccountIds }, userIn] = await Promise.all([
    getAdminScope(actorId),
    loginRootAccountIds(userId),
  ]);
  const set = new Set(userIn);
  return rootAccountIds.filter((id) => set.has(id));
}

/** Does the user hold an active student enrollment in a live course? Only such users may have codes. */
export async function hasActiveStudentEnrollment(userId: number, rootAccountId?: number): Promise<boolean> {
  const found = await db.enrollment.findFirst({
    where: {
      userId,
      ...liveStudentEnrollment,
      ...(rootAccountId ? { rootAccountId } : {}),
    },
    select: { id: true },
  });
  return !!found;
}

/**
 * May `realUserId` act as `targetId` (`as_user_id`)? Only a root admin of every school the target
 * holds a login in: a masqueraded request carries all of the target's powers in all of their
 * schools (and on any host), so sharing one school with them is not enough. And never to gain an
 * admin role the real user lacks.
 */
export async function mayMasquerade(realUserId: number, targetId: number): Promise<boolean> {
  if (realUserId === targetId) return true;
  const [targetIn, theirs, mine] = await Promise.all([
    loginRootAccountIds(targetId),
    getAdminScope(targetId),
    getAdminScope(realUserId),
  ]);
  if (targetIn.length === 0 || !targetIn.every((id) => mine.rootAccountIds.includes(id))) return false;
  return theirs.accountIds.every((id) => mine.accountIds.includes(id));
}
