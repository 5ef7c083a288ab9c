import "server-only";
import { db } from "./db.ts";
import { liveStudentEnrollment } from "./live-states.ts";

// Account admins hold every permission of their account. Observer links live at the root
// account, so `manage_user_observers` is checked against root accounts.

/** Root accounts (ids) in which the user is an active admin of the root account itself. */
export async function adminRootAccountIds(userId: number): Promise<number[]> {
  const rows = await db.accountAdmin.findMany({
    where: { userId, workflowState: "active", account: { parentId: null, workflowState: "active" } },
    select: { accountId: true },
  });
  return [...new Set(rows.map((r) => r.accountId))];
}

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
  const [adminOf, userIn] = await Promise.all([adminRootAccountIds(actorId), loginRootAccountIds(userId)]);
  const set = new Set(userIn);
  return adminOf.filter((id) => set.has(id));
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

// ——— Account-scope helpers for the supporting REST API (users, accounts, courses, enrollments) ———

/**
 * Accounts the user administers: every account where they are an active admin, plus all of
 * those accounts' sub-accounts (an admin of a school district administers its schools).
 */
export async function administeredAccountIds(userId: number): Promise<Set<number>> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE scope(id) AS (
      SELECT aa.account_id FROM account_admins aa JOIN accounts a ON a.id = aa.account_id
       WHERE aa.user_id = ${userId} AND aa.workflow_state = 'active' AND a.workflow_state = 'active'
      UNION
      SELECT a.id FROM accounts a JOIN scope s ON a.parent_id = s.id WHERE a.workflow_state = 'active'
    ) SELECT id FROM scope`;
  return new Set(rows.map((r) => r.id));
}

/**
 * Does an admin scope cover the user? Yes when the user has a login in an administered root
 * account or an enrollment in a course of an administered (sub-)account.
 */
export async function scopeCoversUser(scope: Set<number>, userId: number): Promise<boolean> {
  if (scope.size === 0) return false;
  const ids = [...scope];
  const [login, enrollment] = await Promise.all([
    db.login.findFirst({
      where: { userId, workflowState: "active", rootAccountId: { in: ids } },
      select: { id: true },
    }),
    db.enrollment.findFirst({
      where: { userId, workflowState: { not: "deleted" }, course: { accountId: { in: ids } } },
      select: { id: true },
    }),
  ]);
  return !!(login || enrollment);
}

/** May `realUserId` act as `targetId` (`as_user_id`)? Root admins over the target's accounts, and never to gain an admin role they lack. */
export async function mayMasquerade(realUserId: number, targetId: number): Promise<boolean> {
  if (realUserId === targetId) return true;
  const [adminOf, targetIn, targetAdminOf] = await Promise.all([
    adminRootAccountIds(realUserId),
    loginRootAccountIds(targetId),
    administeredAccountIds(targetId),
  ]);
  if (!targetIn.some((id) => adminOf.includes(id))) return false;
  const mine = await administeredAccountIds(realUserId);
  return [...targetAdminOf].every((id) => mine.has(id));
}
