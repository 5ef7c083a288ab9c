import "server-only";
import type { Tx } from "../platform/db.ts";
import { Prisma, type LinkMethod } from "../platform/generated/prisma/client.ts";
import { recordAudit } from "../audit/events.ts";
import { linkNoticeCtes } from "../mail/notifications.ts";
import { notFound } from "../platform/errors.ts";
import { RESTORE_OBSERVER_ENROLLMENT, studentCoursesJoin } from "./sets.ts";
import { recipientLocale } from "../platform/locales.ts";

/** A link (student, observer) to make in each of `rootAccountIds`: by whom, how, from where. */
export type LinkInput = {
  studentId: number;
  observerId: number;
  rootAccountIds: number[];
  method: LinkMethod;
  actorId: number;
  ip: string | null;
};

/** Who a new link's notice names, and where it is emailed. */
export type LinkPeople = {
  studentName: string;
  studentEmail: string | null;
  /** The language the student is told in (their choice, else their school's default). */
  studentLocale?: string | null;
  observerName: string;
};

/** The two users a link's notice is about, in one read. */
export async function linkPeople(tx: Tx, studentId: number, observerId: number): Promise<LinkPeople> {
  const users = await tx.user.findMany({
    where: { id: { in: [studentId, observerId] } },
    select: {
      id: true,
      name: true,
      email: true,
      locale: true,
      logins: {
        select: { rootAccount: { select: { defaultLocale: true } } },
        take: 1,
        orderBy: { id: "asc" },
      },
    },
  });
  const student = users.find((u) => u.id === studentId);
  const observer = users.find((u) => u.id === observerId);
  if (!student || !observer) throw notFound();
  return {
    studentName: student.name,
    studentEmail: student.email,
    studentLocale: recipientLocale(student.locale, student.logins[0]?.rootAccount.defaultLocale),
    observerName: observer.name,
  };
}

/**
 * Making the link, as CTEs of one statement (a redemption consumes its code in the same one, so
 * it needs no transaction of its own): where `gate` (SQL) holds, creates or restores the link in
 * each root account, gives the observer an active observer enrollment, associated to the student,
 * in each course sets.ts's studentCoursesJoin names (the same rule as a set's), audits each change and tells the student
 * (lib/mail/notifications.ts). A link already active changes nothing. An upsert, so two
 * concurrent links of the same pair cannot both insert; `xmax = 0` only on a row it inserted.
 */
export function linkCtes(link: LinkInput, people: LinkPeople, gate: Prisma.Sql): Prisma.Sql {
  const now = Prisma.sql`${new Date()}::timestamp(3)`;
  const s = Prisma.sql`${link.studentId}::int`;
  const o = Prisma.sql`${link.observerId}::int`;
  const method = Prisma.sql`${link.method}::"LinkMethod"`;
  return Prisma.sql`
    linked AS (
      INSERT INTO observation_links (student_id, observer_id, root_account_id, method, created_by_id, created_at, updated_at)
      SELECT ${s}, ${o}, r, ${method}, ${link.actorId}::int, ${now}, ${now}
        FROM unnest(${link.rootAccountIds}::int[]) AS r WHERE ${gate}
      ON CONFLICT (student_id, observer_id, root_account_id) DO UPDATE
         SET workflow_state = 'active', method = EXCLUDED.method, created_by_id = EXCLUDED.created_by_id,
             updated_at = EXCLUDED.updated_at
       WHERE observation_links.workflow_state <> 'active'
      RETURNING root_account_id, CASE WHEN xmax = 0 THEN 'link.created' ELSE 'link.restored' END AS action),
    link_enrollments AS (
      INSERT INTO enrollments (course_id, user_id, root_account_id, type, associated_user_id, workflow_state, created_at, updated_at)
      SELECT DISTINCT e.course_id, ${o}, e.root_account_id, 'observer'::"EnrollmentType", ${s}, 'active'::"EnrollmentState", ${now}, ${now}
        FROM linked l CROSS JOIN (SELECT ${s} AS id) student
        ${Prisma.raw(studentCoursesJoin("student.id", "l.root_account_id"))}
      ${Prisma.raw(RESTORE_OBSERVER_ENROLLMENT)}),
    link_audit AS (
      INSERT INTO audit_events (action, actor_id, subject_id, target_id, root_account_id, method, ip, created_at)
      SELECT action, ${link.actorId}::int, ${s}, ${o}, root_account_id, ${method}, ${link.ip}::text, ${now} FROM linked),
    ${linkNoticeCtes("linked", { studentId: link.studentId, ...people, now })}`;
}

/** Links (or restores) the pair in each of the root accounts, in the caller's transaction. */
export async function linkInAccountsTx(tx: Tx, link: LinkInput): Promise<void> {
  if (link.rootAccountIds.length === 0) return;
  const people = await linkPeople(tx, link.studentId, link.observerId);
  await tx.$executeRaw`WITH ${linkCtes(link, people, Prisma.sql`TRUE`)} SELECT 1`;
}

/** The observer enrollments a link gives (observer in the student's courses, associated to them). */
const observerEnrollmentsOf = (pair: { studentId: number; observerId: number }) => ({
  userId: pair.observerId,
  associatedUserId: pair.studentId,
  type: "observer" as const,
});

/**
 * Soft-deletes the links and the observer enrollments they gave; restoring the link restores them.
 * A course-level link (`courseLink`, made in that course alone) is not the link's to remove: the
 * observer keeps that course, as Canvas keeps a People-page enrollment when an observee goes.
 */
export async function unlinkInTx(
  tx: Tx,
  input: {
    studentId: number;
    observerId: number;
    rootAccountIds: number[];
    actorId: number;
    ip: string | null;
    method: LinkMethod | null;
  },
): Promise<number> {
  const active = await tx.observationLink.findMany({
    where: {
      studentId: input.studentId,
      observerId: input.observerId,
      rootAccountId: { in: input.rootAccountIds },
      workflowState: "active",
    },
    select: { id: true, rootAccountId: true },
  });
  if (active.length === 0) return 0;
  const accounts = active.map((l) => l.rootAccountId);
  await tx.observationLink.updateMany({
    where: { id: { in: active.map((l) => l.id) } },
    data: { workflowState: "deleted" },
  });
  await tx.enrollment.updateMany({
    where: {
      ...observerEnrollmentsOf(input),
      rootAccountId: { in: accounts },
      workflowState: { not: "deleted" },
      courseLink: false,
    },
    data: { workflowState: "deleted" },
  });
  for (const rootAccountId of accounts) {
    await recordAudit(tx, {
      action: "link.removed",
      actorId: input.actorId,
      subjectId: input.studentId,
      targetId: input.observerId,
      rootAccountId,
      method: input.method,
      ip: input.ip,
    });
  }
  return active.length;
}

/** A new student enrollment gives each of the student's active observers (in that root account) theirs. */
export async function mirrorNewStudentEnrollment(
  tx: Tx,
  input: { studentId: number; courseId: number; rootAccountId: number },
) {
  const links = await tx.observationLink.findMany({
    where: { studentId: input.studentId, rootAccountId: input.rootAccountId, workflowState: "active" },
    select: { observerId: true },
  });
  if (links.length === 0) return;
  await tx.enrollment.createMany({
    data: links.map((l) => ({
      courseId: input.courseId,
      userId: l.observerId,
      rootAccountId: input.rootAccountId,
      type: "observer" as const,
      associatedUserId: input.studentId,
    })),
    skipDuplicates: true,
  });
}
