import "server-only";
import { db, type Tx } from "../db.ts";
import type { Actor } from "../actor.ts";
import { actionMethod, recordAudit } from "../audit.ts";
import { getRootAccountSettings } from "../accounts.ts";
import { env } from "../env.ts";
import { fromPrismaError, unauthorized } from "../errors.ts";
import { hasActiveStudentEnrollment, loginRootAccountIds } from "../permissions.ts";
import { digestCode, formatCode, generateCode } from "./format.ts";
import { assertObserverRegistrationOpen } from "../self-registration.ts";
import { assertMayGenerateFor } from "./staff.ts";

export const MAX_ACTIVE_CODES = 5;

export type PairingCodeJson = { user_id: number; code: string; expires_at: string; workflow_state: "active" };
export type NewPairingCode = PairingCodeJson & { rootAccountId: number };

/** Which root account a student's code belongs to: the domain one if the student is in it, else their first. */
async function codeRootAccountId(studentId: number, domainRootAccountId: number): Promise<number | null> {
  const ids = await loginRootAccountIds(studentId);
  if (ids.includes(domainRootAccountId)) return domainRootAccountId;
  return ids.sort((a, b) => a - b)[0] ?? null;
}

type PreparedCode = { studentId: number; rootAccountId: number; lifetimeMinutes: number };

/**
 * The checks before a student's code is made: the student must hold an active student enrollment
 * (Canvas: 401 otherwise), the actor may generate for them, and the account's self-registration
 * is on (Canvas only hides the button).
 */
async function prepareCode(actor: Actor, studentId: number): Promise<PreparedCode> {
  const rootAccountId = await codeRootAccountId(studentId, actor.domainRootAccountId);
  if (rootAccountId === null) throw unauthorized();
  const account = await getRootAccountSettings(rootAccountId);
  await assertMayGenerateFor(actor, studentId, rootAccountId, account.teachersMayGenerateCodes);
  if (!(await hasActiveStudentEnrollment(studentId))) throw unauthorized();
  assertObserverRegistrationOpen(account);
  return { studentId, rootAccountId, lifetimeMinutes: account.pairingCodeLifetimeMinutes };
}

/** Makes the code in the caller's transaction; the sixth active code revokes the oldest. */
async function insertCodeInTx(tx: Tx, actor: Actor, p: PreparedCode): Promise<NewPairingCode> {
  const code = generateCode();
  const expiresAt = new Date(Date.now() + p.lifetimeMinutes * 60_000);
  // Serialize code creation per student so the cap of five holds under concurrency.
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${p.studentId} FOR UPDATE`;
  const active = await tx.pairingCode.findMany({
    where: { studentId: p.studentId, workflowState: "active", expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const toRevoke = active.slice(MAX_ACTIVE_CODES - 1).map((c) => c.id);
  if (toRevoke.length) {
    await tx.pairingCode.updateMany({
      where: { id: { in: toRevoke } },
      data: { workflowState: "revoked", revokedAt: new Date() },
    });
  }
  const created = await tx.pairingCode.create({
    data: {
      studentId: p.studentId,
      rootAccountId: p.rootAccountId,
      digest: digestCode(env().PAIRING_CODE_KEY, code),
      expiresAt,
      createdById: actor.userId,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    action: "code.generated",
    actorId: actor.userId,
    subjectId: p.studentId,
    rootAccountId: p.rootAccountId,
    method: actionMethod(actor, p.studentId),
    ip: actor.ip,
    data: { pairingCodeId: created.id, revokedIds: toRevoke },
  });
  return {
    user_id: p.studentId,
    code: formatCode(code),
    expires_at: expiresAt.toISOString(),
    workflow_state: "active",
    rootAccountId: p.rootAccountId,
  };
}

/** A digest collision (one in 2^40 per active code) fails the unique index: draw again. */
async function retryingCollisions<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (fromPrismaError(err)?.code === "conflict" && attempt < 3) continue;
      throw err;
    }
  }
}

/** Generates a pairing code for a student (see prepareCode for who may, and when). */
export async function createPairingCode(actor: Actor, input: { studentId: number }): Promise<NewPairingCode> {
  const prepared = await prepareCode(actor, input.studentId);
  return retryingCollisions(() => db.$transaction((tx) => insertCodeInTx(tx, actor, prepared)));
}

/**
 * A code for each of several students (a course's CSV), all or none: every student is checked
 * first, then the codes are made in one transaction, so a failure leaves no half-made batch.
 */
export async function createPairingCodes(
  actor: Actor,
  input: { studentIds: number[] },
): Promise<NewPairingCode[]> {
  const prepared: PreparedCode[] = [];
  for (const studentId of input.studentIds) prepared.push(await prepareCode(actor, studentId));
  return retryingCollisions(() =>
    db.$transaction(
      async (tx) => {
        const out: NewPairingCode[] = [];
        for (const p of prepared) out.push(await insertCodeInTx(tx, actor, p));
        return out;
      },
      { timeout: 120_000 },
    ),
  );
}
