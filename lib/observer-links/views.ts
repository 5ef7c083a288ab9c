import "server-only";
// The links as the app's pages show them: a student's observers link by link, an observer's
// students with the courses followed.
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import type { LinkMethod } from "../platform/generated/prisma/client.ts";
import { inLinkScope, linkScope } from "./queries.ts";

/** What a page shows of one link: where, how, since when. */
export const linkRowSelect = { rootAccountId: true, method: true, updatedAt: true } as const;
export function toLinkRow(l: {
  rootAccountId: number;
  method: LinkMethod;
  updatedAt: Date;
  rootAccount: { name: string };
}) {
  return {
    rootAccountId: l.rootAccountId,
    rootAccountName: l.rootAccount.name,
    method: l.method,
    since: l.updatedAt,
  };
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
    where: { studentId: input.studentId, workflowState: "active", ...inLinkScope(scope) },
    orderBy: [{ observer: { sortableName: "asc" } }, { rootAccountId: "asc" }],
    select: {
      ...linkRowSelect,
      observer: { select: { id: true, name: true } },
      rootAccount: { select: { name: true, studentsMayRemoveObservers: true } },
    },
  });
  return rows.map((r) => ({
    observer: r.observer,
    ...toLinkRow(r),
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
    where: { observerId: input.observerId, workflowState: "active", rootAccountId: { in: scope } },
    select: { rootAccountId: true, student: { select: { id: true, name: true, sortableName: true } } },
  });
  if (links.length === 0) return [];
  const enrollments = await db.enrollment.findMany({
    where: {
      userId: input.observerId,
      type: "observer",
      workflowState: "active",
      // Each student in the schools where their link is active: not the cross product of the two.
      OR: links.map((l) => ({ associatedUserId: l.student.id, rootAccountId: l.rootAccountId })),
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
