import "server-only";
import { db, pool } from "../db.ts";
import type { Actor } from "../actor.ts";
import { notFound, unauthorized } from "../errors.ts";
import type { LinkMethod } from "../generated/prisma/client.ts";
import { pageWithTotal, type PageRequest } from "../pagination.ts";
import { manageableRootAccountIds } from "../permissions.ts";
import { toUserJson, type UserJson } from "../users.ts";

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

type Side = "observees" | "observers";

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

async function listLinked(
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
    async () =>
      (await pool.query<LinkedRow>(sql.rows, [...args, input.page.perPage, input.page.offset])).rows,
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

/** The students `observerId` observes (active links), sorted by sortable name then id. */
export function listObservees(
  actor: Actor,
  input: { observerId: number; page: PageRequest; includeAvatar?: boolean },
) {
  return listLinked(actor, "observees", {
    userId: input.observerId,
    page: input.page,
    includeAvatar: input.includeAvatar,
  });
}

/** The observers of `studentId` (active links), sorted by sortable name then id. */
export function listObservers(
  actor: Actor,
  input: { studentId: number; page: PageRequest; includeAvatar?: boolean },
) {
  return listLinked(actor, "observers", {
    userId: input.studentId,
    page: input.page,
    includeAvatar: input.includeAvatar,
  });
}

const ONE = { page: 1, perPage: 1, offset: 0 };

/** One observee of an observer; 404 when there is no active link the actor may see. */
export async function getObservee(
  actor: Actor,
  input: { observerId: number; studentId: number; includeAvatar?: boolean },
) {
  const { items } = await listLinked(actor, "observees", {
    userId: input.observerId,
    page: ONE,
    otherId: input.studentId,
    includeAvatar: input.includeAvatar,
  });
  if (!items[0]) throw notFound();
  return items[0];
}

/** One observer of a student; 404 when there is no active link the actor may see. */
export async function getObserver(
  actor: Actor,
  input: { studentId: number; observerId: number; includeAvatar?: boolean },
) {
  const { items } = await listLinked(actor, "observers", {
    userId: input.studentId,
    page: ONE,
    otherId: input.observerId,
    includeAvatar: input.includeAvatar,
  });
  if (!items[0]) throw notFound();
  return items[0];
}

export type ObserverLinkRow = {
  observer: { id: number; name: string };
  rootAccountId: number;
  rootAccountName: string;
  method: LinkMethod;
  since: Date;
  /** May the student remove this observer themself (the account's setting)? */
  studentMayRemove: boolean;
};

/** A student's observers link by link, with since-when and how (the student's "My observers"). */
export async function listObserverLinks(
  actor: Actor,
  input: { studentId: number },
): Promise<ObserverLinkRow[]> {
  const scope = await linkScope(actor, input.studentId);
  const rows = await db.observationLink.findMany({
    where: {
      studentId: input.studentId,
      workflowState: "active",
      ...(scope ? { rootAccountId: { in: scope } } : {}),
    },
    orderBy: [{ observer: { sortableName: "asc" } }, { rootAccountId: "asc" }],
    select: {
      rootAccountId: true,
      method: true,
      updatedAt: true,
      observer: { select: { id: true, name: true } },
      rootAccount: { select: { name: true, studentsMayRemoveObservers: true } },
    },
  });
  return rows.map((r) => ({
    observer: r.observer,
    rootAccountId: r.rootAccountId,
    rootAccountName: r.rootAccount.name,
    method: r.method,
    since: r.updatedAt,
    studentMayRemove: r.rootAccount.studentsMayRemoveObservers,
  }));
}

export type ObserveeWithCourses = {
  id: number;
  name: string;
  rootAccountIds: number[];
  courses: { id: number; name: string }[];
};

/**
 * An observer's students, each with the courses the observer follows them in (the "Observing"
 * page): those of the school this site belongs to, or for an admin, of the schools they manage.
 */
export async function listObserveesWithCourses(
  actor: Actor,
  input: { observerId: number },
): Promise<ObserveeWithCourses[]> {
  const scope = (await linkScope(actor, input.observerId)) ?? [actor.domainRootAccountId];
  const links = await db.observationLink.findMany({
    where: {
      observerId: input.observerId,
      workflowState: "active",
      ...(scope ? { rootAccountId: { in: scope } } : {}),
    },
    select: { rootAccountId: true, student: { select: { id: true, name: true, sortableName: true } } },
  });
  const enrollments = await db.enrollment.findMany({
    where: {
      userId: input.observerId,
      type: "observer",
      workflowState: "active",
      associatedUserId: { in: links.map((l) => l.student.id) },
      rootAccountId: { in: links.map((l) => l.rootAccountId) },
      course: { workflowState: { not: "deleted" } },
    },
    orderBy: { course: { name: "asc" } },
    select: { associatedUserId: true, course: { select: { id: true, name: true } } },
  });
  const byStudent = new Map<number, ObserveeWithCourses & { sortableName: string }>();
  for (const l of links) {
    const entry = byStudent.get(l.student.id) ?? {
      id: l.student.id,
      name: l.student.name,
      sortableName: l.student.sortableName,
      rootAccountIds: [],
      courses: [],
    };
    entry.rootAccountIds.push(l.rootAccountId);
    byStudent.set(l.student.id, entry);
  }
  for (const e of enrollments) byStudent.get(e.associatedUserId!)?.courses.push(e.course);
  return [...byStudent.values()]
    .sort((a, b) => a.sortableName.localeCompare(b.sortableName) || a.id - b.id)
    .map(({ sortableName: _s, ...rest }) => rest);
}
