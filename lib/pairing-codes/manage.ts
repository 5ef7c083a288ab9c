import "server-only";
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { actionMethod, recordAudit } from "../audit/events.ts";
import { getRootAccountSettings } from "../accounts/accounts.ts";
import { notFound, unauthorized } from "../platform/errors.ts";
import { loginRootAccountIds } from "../accounts/permissions.ts";
import { assertMayGenerateFor } from "./staff.ts";

/**
 * Whose codes the actor may see and revoke: the student's own (null: every school), or, for staff,
 * those of the schools where the actor may make this student's codes — who may hand out a code may
 * also take it back (an admin on the user page, a teacher whose course page refused at the cap).
 */
async function codeScope(actor: Actor, studentId: number): Promise<number[] | null> {
  if (actor.userId === studentId) return null;
  const accounts: number[] = [];
  for (const rootAccountId of await loginRootAccountIds(studentId)) {
    const { teachersMayGenerateCodes } = await getRootAccountSettings(rootAccountId);
    const may = await assertMayGenerateFor(actor, studentId, rootAccountId, teachersMayGenerateCodes).then(
      () => true,
      () => false,
    );
    if (may) accounts.push(rootAccountId);
  }
  if (accounts.length === 0) throw unauthorized();
  return accounts;
}

const inScope = (scope: number[] | null) => (scope ? { rootAccountId: { in: scope } } : {});

/** `hint`: the code's last 4 characters ("" for codes made before hints were kept). */
export type ActivePairingCode = {
  id: number;
  hint: string;
  createdAt: Date;
  expiresAt: Date;
  createdByName: string;
};

/** A student's active codes (only digests are stored, so the codes themselves cannot be shown again). */
export async function listActivePairingCodes(
  actor: Actor,
  input: { studentId: number },
): Promise<ActivePairingCode[]> {
  const scope = await codeScope(actor, input.studentId);
  const rows = await db.pairingCode.findMany({
    where: {
      studentId: input.studentId,
      workflowState: "active",
      expiresAt: { gt: new Date() },
      ...inScope(scope),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, hint: true, createdAt: true, expiresAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    hint: r.hint,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    createdByName: r.createdBy.name,
  }));
}

/** Revokes one active code of a student (the student, or staff who may make their codes: see codeScope); audited. */
export async function revokePairingCode(
  actor: Actor,
  input: { studentId: number; codeId: number },
): Promise<void> {
  const scope = await codeScope(actor, input.studentId);
  await db.$transaction(async (tx) => {
    const where = {
      id: input.codeId,
      studentId: input.studentId,
      workflowState: "active" as const,
      ...inScope(scope),
    };
    const code = await tx.pairingCode.findFirst({ where, select: { rootAccountId: true } });
    const revoked = await tx.pairingCode.updateMany({
      where,
      data: { workflowState: "revoked", revokedAt: new Date() },
    });
    if (!code || revoked.count !== 1) throw notFound();
    await recordAudit(tx, {
      action: "code.revoked",
      actorId: actor.userId,
      subjectId: input.studentId,
      rootAccountId: code.rootAccountId,
      method: actionMethod(actor, input.studentId),
      ip: actor.ip,
      data: { pairingCodeId: input.codeId },
    });
  });
}
