import "server-only";
// Canvas's User JSON: the one DTO for a user, and the admin-only fields added to it.
import { db } from "../platform/db.ts";
import { notFound } from "../platform/errors.ts";

/** Canvas's User JSON, as this API returns it. */
export type UserJson = {
  id: number;
  name: string;
  created_at: string;
  sortable_name: string;
  short_name: string;
  pronouns?: string | null;
  avatar_url?: string | null;
  login_id?: string;
  sis_user_id?: string | null;
  email?: string | null;
  observation_link_root_account_ids?: number[];
};

export const userJsonSelect = {
  id: true,
  name: true,
  createdAt: true,
  sortableName: true,
  shortName: true,
  avatarUrl: true,
} as const;

type UserRow = {
  id: number;
  name: string;
  createdAt: Date;
  sortableName: string;
  shortName: string;
  avatarUrl: string | null;
};
type LoginRow = { rootAccountId: number; uniqueId: string; sisUserId: string | null };

export function toUserJson(u: UserRow, opts: { includeAvatar?: boolean } = {}): UserJson {
  const json: UserJson = {
    id: u.id,
    name: u.name,
    created_at: u.createdAt.toISOString(),
    sortable_name: u.sortableName,
    short_name: u.shortName,
  };
  if (opts.includeAvatar) json.avatar_url = u.avatarUrl;
  return json;
}

/**
 * Adds what only admins see (login_id, sis_user_id), from a login in one of the root accounts the
 * admin covers (`visibleIn`) — the one in `preferred` (the request's school) if there is one.
 * A login in any other school is never shown, even when it is the user's only one: a user's
 * other schools, and the ids they hold there, are not this admin's to see.
 */
export function withAdminFields(
  json: UserJson,
  logins: LoginRow[],
  scope: { visibleIn: number[]; preferred: number },
): UserJson {
  const visible = logins.filter((l) => scope.visibleIn.includes(l.rootAccountId));
  const login = visible.find((l) => l.rootAccountId === scope.preferred) ?? visible[0];
  if (login) Object.assign(json, { login_id: login.uniqueId, sis_user_id: login.sisUserId });
  return json;
}

/**
 * A user's email is one for all their schools (users.email), so an admin sees it only when every
 * school the user holds a login in is one the admin sees (`visibleIn`): otherwise it may be
 * another school's to know (a parent registered elsewhere, a teacher's other district).
 */
export function emailForAdmin(
  email: string | null,
  loginSchools: readonly number[],
  visibleIn: readonly number[],
): string | null {
  return loginSchools.every((id) => visibleIn.includes(id)) ? email : null;
}

export const adminLoginSelect = {
  logins: {
    where: { workflowState: "active" as const },
    orderBy: { id: "asc" as const },
    select: { rootAccountId: true, uniqueId: true, sisUserId: true },
  },
} as const;

/** A user's basic JSON by id, for a caller that has already authorized (e.g. the user just registered). */
export async function getUserJson(userId: number): Promise<UserJson> {
  const user = await db.user.findUnique({ where: { id: userId }, select: userJsonSelect });
  if (!user) throw notFound();
  return toUserJson(user);
}
