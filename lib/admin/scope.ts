import "server-only";
import { cache } from "react";
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { unauthorized } from "../errors.ts";

export type AdminScope = {
  /** Root accounts the actor administers at the root (full powers there, incl. settings). */
  rootAccountIds: number[];
  /** Every account the actor administers, with all their sub-accounts (for course/user visibility). */
  accountIds: number[];
  /** Root accounts that contain at least one administered account (link / unlink happen at the root). */
  touchedRootAccountIds: number[];
};

/**
 * Where the actor is an admin. A sub-account admin sees only users enrolled in courses of their
 * sub-accounts; a root admin sees everyone with a login in the root account. Cached per request.
 */
export const getAdminScope = cache(async (userId: number): Promise<AdminScope> => {
  const roles = await db.accountAdmin.findMany({
    where: { userId, workflowState: "active", account: { workflowState: "active" } },
    select: { account: { select: { id: true, parentId: true, rootAccountId: true } } },
  });
  if (roles.length === 0) return { rootAccountIds: [], accountIds: [], touchedRootAccountIds: [] };
  const roots = [...new Set(roles.map((r) => r.account.rootAccountId ?? r.account.id))];
  const all = await db.account.findMany({
    where: { OR: [{ id: { in: roots } }, { rootAccountId: { in: roots } }], workflowState: "active" },
    select: { id: true, parentId: true },
  });
  const children = new Map<number, number[]>();
  for (const a of all)
    if (a.parentId !== null) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const accountIds = new Set<number>();
  const stack = roles.map((r) => r.account.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (accountIds.has(id)) continue;
    accountIds.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return {
    rootAccountIds: roles.filter((r) => r.account.parentId === null).map((r) => r.account.id),
    accountIds: [...accountIds],
    touchedRootAccountIds: roots,
  };
});

export function isAnyAdmin(scope: AdminScope): boolean {
  return scope.accountIds.length > 0;
}

/** The admin dashboard's gate: any admin role; teachers and everyone else get "unauthorized". */
export async function requireAdminScope(actor: Actor): Promise<AdminScope> {
  const scope = await getAdminScope(actor.userId);
  if (!isAnyAdmin(scope)) throw unauthorized();
  return scope;
}

/** Prisma `where` for users the scope may see. */
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
