import "server-only";
import { toCsv } from "../platform/csv.ts";
import { z } from "zod";
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { pageWithTotal, type PageRequest } from "../platform/pagination.ts";
import type { Prisma } from "../platform/generated/prisma/client.ts";
import { LinkMethod } from "../platform/generated/prisma/enums.ts";
import { AUDIT_ACTIONS, AUDIT_METHODS } from "../audit/events.ts";
import { actionLabel, describeAuditEvent } from "../audit/words.ts";
import { requireAdminScope, usersInScopeWhere, type AdminScope } from "../accounts/admin-scope.ts";
import { userMatchWhere } from "../users/search.ts";

export { AUDIT_ACTIONS, AUDIT_METHODS };

const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);
// A four-digit year, as a date field sends: "20266" read as the year 20266 was a 500 from the database.
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/;
const date = z.string().regex(DATE, "Enter a valid date (YYYY-MM-DD).").pipe(z.coerce.date());
const optionalDate = z.preprocess(blankIsAbsent, date.optional());

export const auditFilterSchema = z.object({
  action: z.preprocess(blankIsAbsent, z.enum(AUDIT_ACTIONS).optional()),
  method: z.preprocess(blankIsAbsent, z.enum(LinkMethod).optional()),
  user: z.string().trim().max(100).optional().default(""),
  from: optionalDate,
  to: optionalDate,
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  /** The action's label ("Observer linked") and the event in one sentence (lib/audit/words.ts). */
  label: string;
  description: string;
  method: string | null;
  ip: string | null;
  actor: string | null;
  subject: string | null;
  target: string | null;
  account: string | null;
};

async function auditWhere(scope: AdminScope, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [{ rootAccountId: { in: scope.touchedRootAccountIds } }];
  const subRoots = scope.touchedRootAccountIds.filter((id) => !scope.rootAccountIds.includes(id));
  if (subRoots.length) {
    // A sub-account admin sees, in that root account, only events about users of their sub-accounts.
    const users = await db.user.findMany({
      where: usersInScopeWhere({ ...scope, rootAccountIds: [] }),
      select: { id: true },
    });
    const ids = users.map((u) => u.id);
    and.push({
      OR: [
        { rootAccountId: { in: scope.rootAccountIds } },
        { subjectId: { in: ids } },
        { targetId: { in: ids } },
      ],
    });
  }
  if (filter.action) and.push({ action: filter.action });
  if (filter.method) and.push({ method: filter.method });
  if (filter.from) and.push({ createdAt: { gte: filter.from } });
  // "to" is a day: include all of it.
  if (filter.to) and.push({ createdAt: { lt: new Date(filter.to.getTime() + 86_400_000) } });
  if (filter.user) {
    const matches = await db.user.findMany({
      where: userMatchWhere(filter.user, scope.touchedRootAccountIds),
      select: { id: true },
      take: 200,
    });
    const ids = matches.map((u) => u.id);
    and.push({ OR: [{ actorId: { in: ids } }, { subjectId: { in: ids } }, { targetId: { in: ids } }] });
  }
  return { AND: and };
}

async function toRows(
  events: {
    id: number;
    createdAt: Date;
    action: string;
    method: string | null;
    ip: string | null;
    actorId: number | null;
    subjectId: number | null;
    targetId: number | null;
    data: Prisma.JsonValue;
    rootAccount: { name: string } | null;
  }[],
): Promise<AuditRow[]> {
  const ids = [
    ...new Set(
      events.flatMap((e) => [e.actorId, e.subjectId, e.targetId]).filter((x): x is number => x !== null),
    ),
  ];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const name = new Map(users.map((u) => [u.id, u.name]));
  const who = (id: number | null) => (id === null ? null : (name.get(id) ?? `User ${id}`));
  const courseName = await courseNames(events.map((e) => e.data));
  return events.map((e) => {
    const named = { action: e.action, method: e.method, data: e.data };
    const people = { actor: who(e.actorId), subject: who(e.subjectId), target: who(e.targetId) };
    const courseId = eventCourseId(e.data);
    const course = courseId === null ? null : (courseName.get(courseId) ?? `course ${courseId}`);
    return {
      id: e.id,
      at: e.createdAt,
      action: e.action,
      label: actionLabel(e.action),
      description: describeAuditEvent({ ...named, ...people, course }),
      method: e.method,
      ip: e.ip,
      ...people,
      account: e.rootAccount?.name ?? null,
    };
  });
}

/** The course an enrollment event names in its data, if any. */
function eventCourseId(data: Prisma.JsonValue): number | null {
  const id = data && typeof data === "object" && !Array.isArray(data) ? data.courseId : null;
  return typeof id === "number" ? id : null;
}

async function courseNames(data: Prisma.JsonValue[]): Promise<Map<number, string>> {
  const ids = [...new Set(data.map(eventCourseId).filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const courses = await db.course.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(courses.map((c) => [c.id, c.name]));
}

const eventSelect = {
  id: true,
  createdAt: true,
  action: true,
  method: true,
  ip: true,
  actorId: true,
  subjectId: true,
  targetId: true,
  data: true,
  rootAccount: { select: { name: true } },
} as const;

/** The audit log of the admin's part of the school, newest first. */
export async function listAuditEvents(
  actor: Actor,
  input: { filter: AuditFilter; page: PageRequest },
): Promise<{ items: AuditRow[]; total: number }> {
  const scope = await requireAdminScope(actor);
  const where = await auditWhere(scope, input.filter);
  const { rows, total } = await pageWithTotal(
    input.page,
    (range) =>
      db.auditEvent.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...range,
        select: eventSelect,
      }),
    () => db.auditEvent.count({ where }),
  );
  return { total, items: await toRows(rows) };
}

const CSV_LIMIT = 50_000;

/** The filtered audit log as CSV (at most 50 000 rows, newest first). */
export async function auditCsv(actor: Actor, filter: AuditFilter): Promise<string> {
  const scope = await requireAdminScope(actor);
  const where = await auditWhere(scope, filter);
  const events = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CSV_LIMIT,
    select: eventSelect,
  });
  const rows = await toRows(events);
  return toCsv(
    rows.map((r) => [
      r.at.toISOString(),
      r.action,
      r.method ?? "",
      r.actor ?? "",
      r.subject ?? "",
      r.target ?? "",
      r.account ?? "",
      r.ip ?? "",
      r.description,
    ]),
    ["Time", "Action", "Method", "Actor", "Subject", "Other user", "Root account", "IP", "What happened"],
  );
}
