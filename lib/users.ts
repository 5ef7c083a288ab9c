import "server-only";
import { db } from "./db.ts";
import { AppError, notFound } from "./errors.ts";

/** Canvas's User JSON, as this API returns it. */
export type UserJson = {
  id: number;
  name: string;
  created_at: string;
  sortable_name: string;
  short_name: string;
  avatar_url?: string | null;
  observation_link_root_account_ids?: number[];
};

export const userJsonSelect = { id: true, name: true, createdAt: true, sortableName: true, shortName: true, avatarUrl: true } as const;

type UserRow = { id: number; name: string; createdAt: Date; sortableName: string; shortName: string; avatarUrl: string | null };

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
 * Resolves a user id as Canvas accepts it: `self`, a numeric id, `sis_user_id:<id>` or
 * `sis_login_id:<login>` (the last two within the domain root account). Unknown → 404.
 */
export async function resolveUserId(param: string, ctx: { selfId: number; rootAccountId: number }): Promise<number> {
  const raw = decodeURIComponent(String(param ?? "")).trim();
  if (raw === "self") return ctx.selfId;
  let where: object | null = null;
  if (/^\d{1,15}$/.test(raw)) where = { id: Number(raw) };
  else if (raw.startsWith("sis_user_id:"))
    where = { logins: { some: { rootAccountId: ctx.rootAccountId, sisUserId: raw.slice(12), workflowState: "active" } } };
  else if (raw.startsWith("sis_login_id:"))
    where = { logins: { some: { rootAccountId: ctx.rootAccountId, uniqueIdNormalized: raw.slice(13).toLowerCase(), workflowState: "active" } } };
  if (!where) throw new AppError("not_found", "The specified resource does not exist.");
  const user = await db.user.findFirst({ where: { ...where, workflowState: { not: "deleted" } }, select: { id: true } });
  if (!user) throw notFound();
  return user.id;
}

/** The active login matching a typed login id in a root account (for sign-in). */
export async function findLoginForSignIn(uniqueId: string, rootAccountId: number) {
  return db.login.findFirst({
    where: { rootAccountId, uniqueIdNormalized: uniqueId.trim().toLowerCase(), workflowState: "active", user: { workflowState: "active" } },
    select: { id: true, userId: true, passwordHash: true },
  });
}

export async function recordSignIn(loginId: number): Promise<void> {
  await db.login.update({ where: { id: loginId }, data: { lastLoginAt: new Date() } });
}
