import "server-only";
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { actionMethod, recordAudit } from "../audit.ts";
import { getRootAccountSettings } from "../accounts.ts";
import { env } from "../env.ts";
import { AppError, unauthorized } from "../errors.ts";
import { adminRootAccountIds, hasActiveStudentEnrollment, loginRootAccountIds } from "../permissions.ts";
import { digestCode, formatCode, generateCode } from "./format.ts";
import { getAdminScope } from "../admin/scope.ts";

export const MAX_ACTIVE_CODES = 5;

export type PairingCodeJson = { user_id: number; code: string; expires_at: string; workflow_state: "active" };
export type NewPairingCode = PairingCodeJson & { rootAccountId: number };

/** Which root account a student's code belongs to: the domain one if the student is in it, else their first. */
async function codeRootAccountId(studentId: number, domainRootAccountId: number): Promise<number | null> {
  const ids = await loginRootAccountIds(studentId);
  if (ids.includes(domainRootAccountId)) return domainRootAccountId;
  return ids.sort((a, b) => a - b)[0] ?? null;
}

/** A teacher (or TA) of a live course the student is enrolled in, in that root account. */
async function teachesStudent(teacherId: number, studentId: number, rootAccountId: number): Promise<boolean> {
  const found = await db.enrollment.findFirst({
    where: {
      userId: teacherId,
      type: { in: ["teacher", "ta"] },
      workflowState: "active",
      rootAccountId,
      course: {
        workflowState: { in: ["available", "unpublished"] },
        enrollments: { some: { userId: studentId, type: "student", workflowState: { in: ["active", "invited"] } } },
      },
    },
    select: { id: true },
  });
  return !!found;
}

/** An admin of a (sub-)account holding a live course the student is enrolled in (Canvas grants them the permission there). */
async function administersStudentCourse(adminId: number, studentId: number, rootAccountId: number): Promise<boolean> {
  const { accountIds } = await getAdminScope(adminId);
  if (accountIds.length === 0) return false;
  const found = await db.enrollment.findFirst({
    where: { userId: studentId, type: "student", rootAccountId, workflowState: { in: ["active", "invited"] }, course: { accountId: { in: accountIds }, workflowState: { in: ["available", "unpublished"] } } },
    select: { id: true },
  });
  return !!found;
}

/**
 * Who may generate a student's code: the student, an admin of the root account or of a
 * sub-account holding one of the student's courses, or — when the account grants it — their teacher.
 */
export async function assertMayGenerateFor(actor: Actor, studentId: number, rootAccountId: number, teachersMayGenerateCodes: boolean) {
  if (actor.userId === studentId) return;
  if ((await adminRootAccountIds(actor.userId)).includes(rootAccountId)) return;
  if (await administersStudentCourse(actor.userId, studentId, rootAccountId)) return;
  if (teachersMayGenerateCodes && (await teachesStudent(actor.userId, studentId, rootAccountId))) return;
  throw unauthorized();
}

/**
 * Generates a pairing code for a student, who must hold an active student enrollment (Canvas:
 * 401 otherwise). Refused when the account's self-registration is off (Canvas only hides the
 * button). The sixth active code revokes the oldest.
 */
export async function createPairingCode(actor: Actor, input: { studentId: number }): Promise<NewPairingCode> {
  const rootAccountId = await codeRootAccountId(input.studentId, actor.domainRootAccountId);
  if (rootAccountId === null) throw unauthorized();
  const account = await getRootAccountSettings(rootAccountId);
  await assertMayGenerateFor(actor, input.studentId, rootAccountId, account.teachersMayGenerateCodes);
  if (!(await hasActiveStudentEnrollment(input.studentId))) throw unauthorized();
  if (account.selfRegistration === "none") {
    throw new AppError("forbidden", `${account.name} has not turned on observer registration, so pairing codes cannot be used there. Ask your school to turn it on.`);
  }

  const key = env().PAIRING_CODE_KEY;
  const expiresAt = new Date(Date.now() + account.pairingCodeLifetimeMinutes * 60_000);
  for (let attempt = 0; ; attempt++) {
    const code = generateCode();
    try {
      await db.$transaction(async (tx) => {
        // Serialize code creation per student so the cap of five holds under concurrency.
        await tx.$queryRaw`SELECT id FROM users WHERE id = ${input.studentId} FOR UPDATE`;
        const active = await tx.pairingCode.findMany({
          where: { studentId: input.studentId, workflowState: "active", expiresAt: { gt: new Date() } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { id: true },
        });
        const toRevoke = active.slice(MAX_ACTIVE_CODES - 1).map((c) => c.id);
        if (toRevoke.length) {
          await tx.pairingCode.updateMany({ where: { id: { in: toRevoke } }, data: { workflowState: "revoked", revokedAt: new Date() } });
        }
        const created = await tx.pairingCode.create({
          data: { studentId: input.studentId, rootAccountId, digest: digestCode(key, code), expiresAt, createdById: actor.userId },
          select: { id: true },
        });
        await recordAudit(tx, {
          action: "code.generated",
          actorId: actor.userId,
          subjectId: input.studentId,
          rootAccountId,
          method: actionMethod(actor, input.studentId),
          ip: actor.ip,
          data: { pairingCodeId: created.id, revokedIds: toRevoke },
        });
      });
      return { user_id: input.studentId, code: formatCode(code), expires_at: expiresAt.toISOString(), workflow_state: "active", rootAccountId };
    } catch (err) {
      // A digest collision (one in 2^40 per active code) just draws again.
      if ((err as { code?: string }).code === "P2002" && attempt < 3) continue;
      throw err;
    }
  }
}
