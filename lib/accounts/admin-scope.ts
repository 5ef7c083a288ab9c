import "server-only";
import { db } from "../platform/db.ts";
import { requestCached } from "../platform/request-cache.ts";
import type { Actor } from "./actor.ts";
import { notFound, unauthorized } from "../platform/errors.ts";

export type AdminScope = {
  /** Accounts the actor is an admin of themself, not through a parent account (Canvas's GET /accounts). */
  directAccountIds: number[];
  /** Root accounts the actor administers at the root (full powers there, incl. settings). */
  rootAccountIds: number[];
  /** Every account the actor administers, with all their sub-accounts (for course/user visibility). */
  accountIds: number[];
  /** Root accounts that contain at least one administered account (link / unlink happen at the root). */
  touchedRootAccountIds: number[];
};

type ScopeRow = { id: number; parent_id: number | null; root_id: number; direct: boolean };

/**
 * Where the user is an admin: the one computation of admin scope. An admin of an account
 * administers all its sub-accounts at any depth (an admin of a district administers its
 * schools). Only active admin rows of active accounts count. Cached per request
 * (lib/platform/request-cache.ts); callers share the arrays, so never sort or change them in place.
 */
export const getAdminScope = requestCached(async (userId: number): Promise<AdminScope> => {
  const rows = await db.$queryRaw<ScopeRow[]>`
    WITH RECURSIVE scope(id, parent_id, root_id, direct) AS (
      SELECT a.id, a.parent_id, COALESCE(a.root_account_id, a.id), true
        FROM account_admins aa JOIN accounts a ON a.id = aa.account_id
       WHERE aa.user_id = ${userId} AND aa.workflow_state = 'active' AND a.workflow_state = 'active'
      UNION
      SELECT a.id, a.parent_id, COALESCE(a.root_account_id, a.id), false
        FROM accounts a JOIN scope s ON a.parent_id = s.id WHERE a.workflow_state = 'active'
    ) SELECT id, parent_id, root_id, direct FROM scope`;
  const direct = rows.filter((r) => r.direct);
  return {
    directAccountIds: unique(direct.map((r) => r.id)),
    rootAccountIds: unique(direct.filter((r) => r.parent_id === null).map((r) => r.id)),
    accountIds: unique(rows.map((r) => r.id)),
    touchedRootAccountIds: unique(direct.map((r) => r.root_id)),
  };
});

const unique = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** An account and all its active sub-accounts, at any depth. */
export async function accountSubtreeIds(accountId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE t(id) AS (
      SELECT ${accountId}::int
      UNION
      SELECT a.id FROM accounts a JOIN t ON a.parent_id = t.id WHERE a.workflow_state = 'active'
    ) SELECT id FROM t`;
  return rows.map((r) => r.id);
}

export function isAnyAdmin(scope: AdminScope): boolean {
  return scope.accountIds.length > 0;
}

/** The admin dashboard's gate: any admin role; teachers and everyone else get "unauthorized". */
export async function requireAdminScope(actor: Actor): Promise<AdminScope> {
  const scope = await getAdminScope(actor.userId);
  if (!isAnyAdmin(scope)) throw unauthorized();
  return scope;
}

/**
 * The gate for what belongs to a whole institution (its settings, its sign-in providers): a
 * root-account admin of it. A sub-account admin there is "unauthorized"; anyone else "not found".
 */
export async function requireRootAdminOf(actor: Actor, rootAccountId: number): Promise<AdminScope> {
  const scope = await requireAdminScope(actor);
  if (!scope.rootAccountIds.includes(rootAccountId))
    throw scope.touchedRootAccountIds.includes(rootAccountId) ? unauthorized() : notFound();
  return scope;
}

/**
 * Prisma `where` for the users a scope covers: a login in an administered root account, or an
 * enrollment in a course of an administered (sub-)account.
 */
export function usersInScopeWhere(scope: AdminScope) {
  return {
    workflowState: { not: "deleted" as const },
    OR: [
      { logins: { some: { rootAccountId: { in: scope.rootAccountIds }, workflowState: "active" as const } } },
      {
        enrollments: {
          some: {
            course: { accountId: { in: scope.accountIds } },
            workflowState: { not: "deleted" as const },
          },
        },
      },
    ],
  };
}

/** Does the scope cover this user (see usersInScopeWhere)? */
export async function scopeCoversUser(scope: AdminScope, userId: number): Promise<boolean> {
  if (!isAnyAdmin(scope)) return false;
  const found = await db.user.findFirst({
    where: { id: userId, ...usersInScopeWhere(scope) },
    select: { id: true },
  });
  return !!found;
}
