import "server-only";
import { db } from "./db.ts";
import type { Actor } from "./actor.ts";
import { AppError, notFound, unauthorized } from "./errors.ts";
import { parseId } from "./ids.ts";
import {
  adminRootAccountIds,
  administeredAccountIds,
  loginRootAccountIds,
  scopeCoversUser,
} from "./permissions.ts";
import { liveEnrollment } from "./live-states.ts";

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

/** Adds what only admins see (login_id, sis_user_id): from the login in `rootAccountId`, else the first one. */
export function withAdminFields(json: UserJson, logins: LoginRow[], rootAccountId: number): UserJson {
  const login = logins.find((l) => l.rootAccountId === rootAccountId) ?? logins[0];
  if (login) Object.assign(json, { login_id: login.uniqueId, sis_user_id: login.sisUserId });
  return json;
}

export const adminLoginSelect = {
  logins: {
    where: { workflowState: "active" as const },
    orderBy: { id: "asc" as const },
    select: { rootAccountId: true, uniqueId: true, sisUserId: true },
  },
} as const;

/**
 * A path segment as the client meant it: Next hands some segments over still percent-encoded
 * (`sis_login_id:a%40b`); a malformed escape (`100%`) is kept as typed rather than throwing.
 */
export function decodeSegment(value: unknown): string {
  const raw = String(value ?? "");
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/**
 * Resolves a user id as Canvas accepts it: `self`, a numeric id, `sis_user_id:<id>` or
 * `sis_login_id:<login>` (the last two within the domain root account). Unknown → 404.
 */
export async function resolveUserId(
  param: string,
  ctx: { selfId: number; rootAccountId: number },
): Promise<number> {
  const raw = decodeSegment(param);
  if (raw === "self") return ctx.selfId;
  let where: object | null = null;
  if (/^\d+$/.test(raw)) {
    const id = parseId(raw);
    if (id === null) throw notFound();
    where = { id };
  } else if (raw.startsWith("sis_user_id:"))
    where = {
      logins: {
        some: { rootAccountId: ctx.rootAccountId, sisUserId: raw.slice(12), workflowState: "active" },
      },
    };
  else if (raw.startsWith("sis_login_id:"))
    where = {
      logins: {
        some: {
          rootAccountId: ctx.rootAccountId,
          uniqueIdNormalized: raw.slice(13).toLowerCase(),
          workflowState: "active",
        },
      },
    };
  if (!where) throw new AppError("not_found", "The specified resource does not exist.");
  const user = await db.user.findFirst({
    where: { ...where, workflowState: { not: "deleted" } },
    select: { id: true },
  });
  if (!user) throw notFound();
  return user.id;
}

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
  if (await scopeCoversUser(await administeredAccountIds(actor.userId), userId)) return "admin";
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

/** A user's basic JSON by id, for a caller that has already authorized (e.g. the user just registered). */
export async function getUserJson(userId: number): Promise<UserJson> {
  const user = await db.user.findUnique({ where: { id: userId }, select: userJsonSelect });
  if (!user) throw notFound();
  return toUserJson(user);
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
  return access === "admin" ? withAdminFields(json, user.logins, actor.domainRootAccountId) : json;
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
  const adminOf = await adminRootAccountIds(actor.userId);
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
      actor.domainRootAccountId,
    );
  return items;
}

/** The active login matching a typed login id in a root account (for sign-in). */
export async function findLoginForSignIn(uniqueId: string, rootAccountId: number) {
  return db.login.findFirst({
    where: {
      rootAccountId,
      uniqueIdNormalized: uniqueId.trim().toLowerCase(),
      workflowState: "active",
      user: { workflowState: "active" },
    },
    select: { id: true, userId: true, passwordHash: true },
  });
}

export async function recordSignIn(loginId: number): Promise<void> {
  await db.login.update({ where: { id: loginId }, data: { lastLoginAt: new Date() } });
}
