import "server-only";
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { notFound, unauthorized } from "../errors.ts";
import type { LinkMethod } from "../generated/prisma/client.ts";
import { pageWithTotal, type PageRequest } from "../pagination.ts";
import { manageableRootAccountIds } from "../permissions.ts";
import { toUserJson, userJsonSelect, type UserJson } from "../users.ts";

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

async function listLinked(
  actor: Actor,
  side: Side,
  input: { userId: number; page: PageRequest; includeAvatar?: boolean; otherId?: number },
): Promise<{ items: LinkedUserJson[]; total: number }> {
  const scope = await linkScope(actor, input.userId);
  const linkWhere = {
    ...(side === "observees" ? { observerId: input.userId } : { studentId: input.userId }),
    workflowState: "active" as const,
    ...(scope ? { rootAccountId: { in: scope } } : {}),
  };
  // Observees are the students at the other end of the user's links as observer, and vice versa.
  const where = {
    ...(input.otherId ? { id: input.otherId } : {}),
    ...(side === "observees" ? { observersLinks: { some: linkWhere } } : { observeesLinks: { some: linkWhere } }),
  };
  const linkSelect = { where: linkWhere, select: { rootAccountId: true }, orderBy: { rootAccountId: "asc" as const } };
  // A first page that is not full is the whole list: no count, no transaction (the API's hot path).
  const { rows, total } = await pageWithTotal(
    input.page,
    () =>
      db.user.findMany({
        where,
        orderBy: [{ sortableName: "asc" }, { id: "asc" }],
        skip: input.page.offset,
        take: input.page.perPage,
        select: { ...userJsonSelect, observersLinks: side === "observees" ? linkSelect : false, observeesLinks: side === "observers" ? linkSelect : false },
      }),
    () => db.user.count({ where }),
  );
  return {
    total,
    items: rows.map((u) => ({
      ...toUserJson(u, { includeAvatar: input.includeAvatar }),
      observation_link_root_account_ids: (side === "observees" ? u.observersLinks : u.observeesLinks)!.map((l) => l.rootAccountId),
    })),
  };
}

/** The students `observerId` observes (active links), sorted by sortable name then id. */
export function listObservees(actor: Actor, input: { observerId: number; page: PageRequest; includeAvatar?: boolean }) {
  return listLinked(actor, "observees", { userId: input.observerId, page: input.page, includeAvatar: input.includeAvatar });
}

/** The observers of `studentId` (active links), sorted by sortable name then id. */
export function listObservers(actor: Actor, input: { studentId: number; page: PageRequest; includeAvatar?: boolean }) {
  return listLinked(actor, "observers", { userId: input.studentId, page: input.page, includeAvatar: input.includeAvatar });
}

const ONE = { page: 1, perPage: 1, offset: 0 };

/** One observee of an observer; 404 when there is no active link the actor may see. */
export async function getObservee(actor: Actor, input: { observerId: number; studentId: number; includeAvatar?: boolean }) {
  const { items } = await listLinked(actor, "observees", { userId: input.observerId, page: ONE, otherId: input.studentId, includeAvatar: input.includeAvatar });
  if (!items[0]) throw notFound();
  return items[0];
}

/** One observer of a student; 404 when there is no active link the actor may see. */
export async function getObserver(actor: Actor, input: { studentId: number; observerId: number; includeAvatar?: boolean }) {
  const { items } = await listLinked(actor, "observers", { userId: input.studentId, page: ONE, otherId: input.observerId, includeAvatar: input.includeAvatar });
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
export async function listObserverLinks(actor: Actor, input: { studentId: number }): Promise<ObserverLinkRow[]> {
  const scope = await linkScope(actor, input.studentId);
  const rows = await db.observationLink.findMany({
    where: { studentId: input.studentId, workflowState: "active", ...(scope ? { rootAccountId: { in: scope } } : {}) },
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

export type ObserveeWithCourses = { id: number; name: string; rootAccountIds: number[]; courses: { id: number; name: string }[] };

/** An observer's students, each with the courses the observer follows them in (the "Observing" page). */
export async function listObserveesWithCourses(actor: Actor, input: { observerId: number }): Promise<ObserveeWithCourses[]> {
  const scope = await linkScope(actor, input.observerId);
  const links = await db.observationLink.findMany({
    where: { observerId: input.observerId, workflowState: "active", ...(scope ? { rootAccountId: { in: scope } } : {}) },
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
    const entry = byStudent.get(l.student.id) ?? { id: l.student.id, name: l.student.name, sortableName: l.student.sortableName, rootAccountIds: [], courses: [] };
    entry.rootAccountIds.push(l.rootAccountId);
    byStudent.set(l.student.id, entry);
  }
  for (const e of enrollments) byStudent.get(e.associatedUserId!)?.courses.push(e.course);
  return [...byStudent.values()]
    .sort((a, b) => a.sortableName.localeCompare(b.sortableName) || a.id - b.id)
    .map(({ sortableName: _s, ...rest }) => rest);
}
