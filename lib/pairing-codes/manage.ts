import "server-only";
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { actionMethod, recordAudit } from "../audit.ts";
import { notFound } from "../errors.ts";
import { inLinkScope, linkScope } from "../observer-links/queries.ts";

export type ActivePairingCode = { id: number; createdAt: Date; expiresAt: Date; createdByName: string };

/** A student's active codes (only digests are stored, so the codes themselves cannot be shown again). */
export async function listActivePairingCodes(
  actor: Actor,
  input: { studentId: number },
): Promise<ActivePairingCode[]> {
  const scope = await linkScope(actor, input.studentId);
  const rows = await db.pairingCode.findMany({
    where: {
      studentId: input.studentId,
      workflowState: "active",
      expiresAt: { gt: new Date() },
      ...inLinkScope(scope),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, createdAt: true, expiresAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    createdByName: r.createdBy.name,
  }));
}

/** Revokes one active code of a student (the student, or an admin of the code's account). */
export async function revokePairingCode(
  actor: Actor,
  input: { studentId: number; codeId: number },
): Promise<void> {
  const scope = await linkScope(actor, input.studentId);
  await db.$transaction(async (tx) => {
    const where = {
      id: input.codeId,
      studentId: input.studentId,
      workflowState: "active" as const,
      ...inLinkScope(scope),
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
