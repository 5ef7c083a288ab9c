import "server-only";
import { pool } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { notFound, unauthorized } from "../platform/errors.ts";
import { pageWithTotal, type PageRequest } from "../platform/pagination.ts";
import { manageableRootAccountIds } from "../accounts/permissions.ts";
import { toUserJson, type UserJson } from "../users/index.ts";

export type LinkedUserJson = UserJson & { observation_link_root_account_ids: number[] };

/**
 * Which links of `userId` the actor may see: all of them for the user themself (null = no
 * filter), else those in root accounts where the actor is an admin. None → 401 (Canvas).
 */
export async function linkScope(actor: Actor, userId: number): Promise<number[] | null> {
  if (actor.userId === userId) return null;
  const accounts = await manageableRootAccountIds(actor.userId, userId);
  if (accounts.length === 0) throw unauthorized();
  return accounts;
}

/** A linkScope as a Prisma filter on a root-account column. */
export const inLinkScope = (scope: number[] | null) => (scope ? { rootAccountId: { in: scope } } : {});

/** Which of a user's links: the students they observe, or the observers of them. */
export type LinkSide = "observees" | "observers";
type Side = LinkSide;

// The API's most frequent call, in hand-written SQL (see `pool` in db.ts). `me` is the listed
// user's column in observation_links, `other` the column of the users listed.
const COLUMNS = {
  observees: { me: "observer_id", other: "student_id" },
  observers: { me: "student_id", other: "observer_id" },
} as const;
const FILTER = `l.workflow_state = 'active' AND ($2::int[] IS NULL OR l.root_account_id = ANY($2::int[])) AND ($3::int IS NULL OR l.%other = $3::int)`;
const LIST_SQL = Object.fromEntries(
  (["observees", "observers"] as const).map((side) => {
    const c = COLUMNS[side];
    const filter = FILTER.replace("%other", c.other);
    const rows = `
      SELECT u.id, u.name, u.sortable_name, u.short_name, u.avatar_url, u.created_at AT TIME ZONE 'UTC' AS created_at,
             array_agg(l.root_account_id ORDER BY l.root_account_id) AS root_account_ids
        FROM observation_links l JOIN users u ON u.id = l.${c.other}
       WHERE l.${c.me} = $1 AND ${filter}
       GROUP BY u.id ORDER BY u.sortable_name, u.id LIMIT $4 OFFSET $5`;
    const count = `SELECT count(DISTINCT l.${c.other})::int AS n FROM observation_links l WHERE l.${c.me} = $1 AND ${filter}`;
    return [side, { rows, count }];
  }),
) as Record<Side, { rows: string; count: string }>;

type LinkedRow = {
  id: number;
  name: string;
  sortable_name: string;
  short_name: string;
  avatar_url: string | null;
  created_at: Date;
  root_account_ids: number[];
};

/** A page of the users linked to `userId` on `side` (active links the actor may see). */
export async function listLinked(
  actor: Actor,
  side: Side,
  input: { userId: number; page: PageRequest; includeAvatar?: boolean; otherId?: number },
): Promise<{ items: LinkedUserJson[]; total: number }> {
  const scope = await linkScope(actor, input.userId);
  const args = [input.userId, scope, input.otherId ?? null];
  const sql = LIST_SQL[side];
  // A first page that is not full is the whole list: no count query.
  const { rows, total } = await pageWithTotal(
    input.page,
    async ({ skip, take }) => (await pool.query<LinkedRow>(sql.rows, [...args, take, skip])).rows,
    async () => (await pool.query<{ n: number }>(sql.count, args)).rows[0].n,
  );
  return {
    total,
    items: rows.map((u) => ({
      ...toUserJson(
        {
          id: u.id,
          name: u.name,
          sortableName: u.sortable_name,
          shortName: u.short_name,
          avatarUrl: u.avatar_url,
          createdAt: u.created_at,
        },
        { includeAvatar: input.includeAvatar },
      ),
      observation_link_root_account_ids: u.root_account_ids,
    })),
  };
}

type ListInput = { page: PageRequest; includeAvatar?: boolean };

/** The students `observerId` observes (active links), sorted by sortable name then id. */
export function listObservees(actor: Actor, input: ListInput & { observerId: number }) {
  return listLinked(actor, "observees", { ...input, userId: input.observerId });
}

/** The observers of `studentId` (active links), sorted by sortable name then id. */
export function listObservers(actor: Actor, input: ListInput & { studentId: number }) {
  return listLinked(actor, "observers", { ...input, userId: input.studentId });
}

/** One linked user; 404 when there is no active link the actor may see. */
export async function getLinked(
  actor: Actor,
  side: Side,
  userId: number,
  otherId: number,
  includeAvatar?: boolean,
) {
  const page = { page: 1, perPage: 1, offset: 0 };
  const { items } = await listLinked(actor, side, { userId, page, otherId, includeAvatar });
  if (!items[0]) throw notFound();
  return items[0];
}

/** One observee of an observer. */
export function getObservee(
  actor: Actor,
  input: { observerId: number; studentId: number; includeAvatar?: boolean },
) {
  return getLinked(actor, "observees", input.observerId, input.studentId, input.includeAvatar);
}

/** One observer of a student. */
export function getObserver(
  actor: Actor,
  input: { studentId: number; observerId: number; includeAvatar?: boolean },
) {
  return getLinked(actor, "observers", input.studentId, input.observerId, input.includeAvatar);
}
