import "server-only";
import { db } from "../platform/db.ts";
import type { Prisma } from "../platform/generated/prisma/client.ts";
import { parseId } from "../platform/ids.ts";
import { decodeSegment } from "../platform/ids.ts";
import type { Actor } from "./actor.ts";
import { AppError, notFound, unauthorized } from "../platform/errors.ts";
import { pageWithTotal, type PageRequest } from "../platform/pagination.ts";
import { loginRootAccountIds } from "./permissions.ts";
import { getAdminScope } from "./admin-scope.ts";

export const accountSettingsSelect = {
  id: true,
  name: true,
  selfRegistration: true,
  pairingCodeLifetimeMinutes: true,
  studentsMayRemoveObservers: true,
  teachersMayGenerateCodes: true,
  teachersMayLinkObservers: true,
  observerContact: true,
  defaultLocale: true,
} as const;

/**
 * The root account answering this host: the one whose `domain` matches, else the default one.
 * Canvas calls it the domain root account; absent `root_account_id` parameters mean this one.
 */
export async function getDomainRootAccount(host?: string | null) {
  const hostname = host?.split(":")[0]?.toLowerCase();
  const account =
    (hostname &&
      (await db.account.findFirst({
        where: { domain: hostname, parentId: null, workflowState: "active" },
        select: accountSettingsSelect,
      }))) ||
    (await db.account.findFirst({
      where: { isDefault: true, parentId: null },
      select: accountSettingsSelect,
    })) ||
    (await db.account.findFirst({
      where: { parentId: null, workflowState: "active" },
      orderBy: { id: "asc" },
      select: accountSettingsSelect,
    }));
  if (!account) throw new AppError("not_found", "No root account is set up yet: run the seed or create one.");
  return account;
}

// host → root account id, kept briefly in memory: every API request needs it, ids never change,
// and a domain moving to another institution may take HOST_CACHE_MS to be seen by each instance.
// Settings are never cached here (callers needing them use getDomainRootAccount).
const HOST_CACHE_MS = 30_000;
const hostCache = new Map<string, { id: number; until: number }>();

/** The id of the root account answering this host (see getDomainRootAccount). */
export async function getDomainRootAccountId(host?: string | null): Promise<number> {
  const key = host?.split(":")[0]?.toLowerCase() ?? "";
  const hit = hostCache.get(key);
  if (hit && hit.until > Date.now()) return hit.id;
  const { id } = await getDomainRootAccount(host);
  if (hostCache.size > 1000) hostCache.clear();
  hostCache.set(key, { id, until: Date.now() + HOST_CACHE_MS });
  return id;
}

export async function getRootAccountSettings(rootAccountId: number) {
  const account = await db.account.findFirst({
    where: { id: rootAccountId, parentId: null },
    select: accountSettingsSelect,
  });
  if (!account) throw new AppError("not_found", "The specified resource does not exist.");
  return account;
}

/** Canvas's Account object. */
export type AccountJson = {
  id: number;
  name: string;
  parent_account_id: number | null;
  root_account_id: number | null;
  workflow_state: string;
  sis_account_id?: string | null;
};

const accountSelect = {
  id: true,
  name: true,
  parentId: true,
  rootAccountId: true,
  workflowState: true,
  sisAccountId: true,
} as const;
type AccountRow = Prisma.AccountGetPayload<{ select: typeof accountSelect }>;

function toAccountJson(a: AccountRow, admin: boolean): AccountJson {
  const json: AccountJson = {
    id: a.id,
    name: a.name,
    parent_account_id: a.parentId,
    root_account_id: a.rootAccountId,
    workflow_state: a.workflowState,
  };
  if (admin) json.sis_account_id = a.sisAccountId;
  return json;
}

/** `self` (the domain root account), a numeric id, or `sis_account_id:…` within the domain root account. */
export async function resolveAccountId(param: string, actor: Actor): Promise<number> {
  const raw = decodeSegment(param);
  if (raw === "self") return actor.domainRootAccountId;
  if (/^\d+$/.test(raw)) {
    const id = parseId(raw);
    if (id === null) throw notFound();
    return id;
  }
  if (raw.startsWith("sis_account_id:")) {
    const sis = raw.slice(15);
    const found = await db.account.findFirst({
      where: {
        sisAccountId: sis,
        OR: [{ id: actor.domainRootAccountId }, { rootAccountId: actor.domainRootAccountId }],
      },
      select: { id: true },
    });
    if (found) return found.id;
  }
  throw notFound();
}

/**
 * What the actor may do with an account. Not found when it does not exist or lies in a root
 * account the actor has no login in; `admin` when the actor administers it (or a parent of it).
 */
export async function accountAccess(actor: Actor, accountId: number) {
  const account = await db.account.findFirst({
    where: { id: accountId, workflowState: "active" },
    select: accountSelect,
  });
  if (!account) throw notFound();
  const rootAccountId = account.rootAccountId ?? account.id;
  const scope = await getAdminScope(actor.userId);
  if (scope.accountIds.includes(account.id)) return { account, rootAccountId, admin: true };
  if (!(await loginRootAccountIds(actor.userId)).includes(rootAccountId)) throw notFound();
  return { account, rootAccountId, admin: false };
}

/** The account, for an admin of it; 401 for other members of its institution. */
export async function requireAccountAdmin(actor: Actor, accountId: number) {
  const access = await accountAccess(actor, accountId);
  if (!access.admin) throw unauthorized();
  return access;
}

/** GET /accounts/:id — admins see any account they manage; members of an institution see its root account. */
export async function getAccount(actor: Actor, accountId: number): Promise<AccountJson> {
  const { account, admin } = await accountAccess(actor, accountId);
  if (!admin && account.parentId !== null) throw unauthorized();
  return toAccountJson(account, admin);
}

/** GET /accounts — the accounts the actor is an admin of (Canvas: students and teachers get []). */
export async function listAccounts(
  actor: Actor,
  input: { page: PageRequest },
): Promise<{ items: AccountJson[]; total: number }> {
  const { directAccountIds } = await getAdminScope(actor.userId);
  const where = { id: { in: directAccountIds } };
  const { rows, total } = await pageWithTotal(
    input.page,
    (range) =>
      db.account.findMany({
        where,
        orderBy: { id: "asc" },
        ...range,
        select: accountSelect,
      }),
    () => db.account.count({ where }),
  );
  return { total, items: rows.map((a) => toAccountJson(a, true)) };
}

/** The school whose domain is exactly this host, for operators' commands (no fallback on a typo). */
export async function findRootAccountForHost(host: string) {
  const hostname = host.split(":")[0]!.toLowerCase();
  if (hostname === "localhost" || hostname === "127.0.0.1") return getDomainRootAccount(hostname);
  const where = { domain: hostname, parentId: null, workflowState: "active" } as const;
  const account = await db.account.findFirst({ where, select: accountSettingsSelect });
  if (!account) throw new AppError("not_found", `No school answers ${hostname}: check --host.`);
  return account;
}
