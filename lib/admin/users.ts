import "server-only";
import { z } from "zod";
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { notFound } from "../platform/errors.ts";
import type { PageRequest } from "../platform/pagination.ts";
import { requireAdminScope, usersInScopeWhere } from "../accounts/admin-scope.ts";
import { pageOfUsers, userMatchWhere } from "../users/search.ts";
import { linkRowSelect, toLinkRow } from "../observer-links/views.ts";
import { roleWhere, rolesOfUsers, USER_ROLES, type UserRole } from "../users/roles.ts";

export const userSearchSchema = z.object({
  q: z.string().trim().max(100, "Search for at most 100 characters.").default(""),
  role: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(USER_ROLES, { error: "Choose a role." }).optional(),
  ),
});
export type UserSearch = z.infer<typeof userSearchSchema>;

export type UserRow = {
  id: number;
  name: string;
  /** What they are in the admin's schools (lib/users/roles.ts). */
  roles: UserRole[];
  logins: { uniqueId: string; sisUserId: string | null; rootAccountName: string }[];
};

/** Users an admin may see, matching userMatchWhere (and holding `role`), sorted by sortable name. */
export async function searchUsers(
  actor: Actor,
  input: { q: string; role?: UserRole; page: PageRequest },
): Promise<{ items: UserRow[]; total: number }> {
  const scope = await requireAdminScope(actor);
  const match = userMatchWhere(input.q, scope.touchedRootAccountIds);
  const filters = [usersInScopeWhere(scope), match];
  if (input.role) filters.push(roleWhere(input.role, scope.touchedRootAccountIds));
  const { rows, total } = await pageOfUsers(filters, input.page, {
    id: true,
    name: true,
    logins: {
      where: { workflowState: "active", rootAccountId: { in: scope.touchedRootAccountIds } },
      select: { uniqueId: true, sisUserId: true, rootAccount: { select: { name: true } } },
      orderBy: { id: "asc" },
    },
  });
  const roles = await rolesOfUsers(
    rows.map((u) => u.id),
    scope.touchedRootAccountIds,
  );
  return {
    total,
    items: rows.map((u) => ({
      id: u.id,
      name: u.name,
      roles: roles.get(u.id) ?? [],
      logins: u.logins.map((l) => ({
        uniqueId: l.uniqueId,
        sisUserId: l.sisUserId,
        rootAccountName: l.rootAccount.name,
      })),
    })),
  };
}

const linkSelect = { ...linkRowSelect, rootAccount: { select: { name: true } } } as const;

/** Everything the admin user page shows; a user outside the admin's part of the school is "not found". */
export async function getUserDetail(actor: Actor, userId: number) {
  const scope = await requireAdminScope(actor);
  const user = await db.user.findFirst({
    where: { id: userId, ...usersInScopeWhere(scope) },
    select: {
      id: true,
      name: true,
      email: true,
      workflowState: true,
      createdAt: true,
      selfRegistered: true,
      emailVerifiedAt: true,
      // Logins in schools this admin does not administer: then the user-level email is not theirs to see.
      _count: {
        select: {
          logins: { where: { workflowState: "active", rootAccountId: { notIn: scope.rootAccountIds } } },
        },
      },
      logins: {
        where: { rootAccountId: { in: scope.touchedRootAccountIds } },
        select: {
          id: true,
          uniqueId: true,
          sisUserId: true,
          workflowState: true,
          lastLoginAt: true,
          passwordHash: true,
          rootAccount: { select: { id: true, name: true } },
        },
        orderBy: { id: "asc" },
      },
      adminRoles: {
        where: { workflowState: "active" },
        select: { id: true, role: true, account: { select: { name: true } } },
      },
      enrollments: {
        // A sub-account admin sees enrollments in their sub-accounts' courses only.
        where: {
          workflowState: { not: "deleted" },
          course: {
            OR: [{ rootAccountId: { in: scope.rootAccountIds } }, { accountId: { in: scope.accountIds } }],
          },
        },
        select: {
          id: true,
          type: true,
          workflowState: true,
          course: { select: { id: true, name: true } },
          associatedUser: { select: { id: true, name: true } },
        },
        orderBy: [{ courseId: "asc" }, { id: "asc" }],
      },
      observeesLinks: {
        where: { workflowState: "active", rootAccountId: { in: scope.touchedRootAccountIds } },
        select: { ...linkSelect, student: { select: { id: true, name: true } } },
        orderBy: { id: "asc" },
      },
      observersLinks: {
        where: { workflowState: "active", rootAccountId: { in: scope.touchedRootAccountIds } },
        select: { ...linkSelect, observer: { select: { id: true, name: true } } },
        orderBy: { id: "asc" },
      },
    },
  });
  if (!user) throw notFound();
  return {
    id: user.id,
    name: user.name,
    email: user._count.logins === 0 ? user.email : null,
    state: user.workflowState,
    createdAt: user.createdAt,
    /** Self-registered with an email not yet confirmed: admins may not link them (email-verification.ts). */
    emailUnverified: user.selfRegistered && !user.emailVerifiedAt,
    logins: user.logins.map(({ passwordHash, ...l }) => ({
      ...l,
      hasPassword: passwordHash !== null,
      rootAccount: l.rootAccount.name,
      rootAccountId: l.rootAccount.id,
      /** An active login and this admin is a root admin of its school: "Send password link". */
      mayRenewSetupLink: l.workflowState === "active" && scope.rootAccountIds.includes(l.rootAccount.id),
    })),
    roles: user.adminRoles.map((r) => ({ id: r.id, role: r.role, account: r.account.name })),
    enrollments: user.enrollments.map((e) => ({
      id: e.id,
      type: e.type,
      state: e.workflowState,
      course: e.course,
      observing: e.associatedUser,
    })),
    observees: user.observeesLinks.map((l) => ({ user: l.student, ...toLinkRow(l) })),
    observers: user.observersLinks.map((l) => ({ user: l.observer, ...toLinkRow(l) })),
    /** Root accounts in which this admin may make or remove links for the user. */
    manageableRootAccounts: user.logins
      .filter((l) => l.workflowState === "active" && scope.rootAccountIds.includes(l.rootAccount.id))
      .map((l) => l.rootAccount),
  };
}

export type UserDetail = Awaited<ReturnType<typeof getUserDetail>>;
