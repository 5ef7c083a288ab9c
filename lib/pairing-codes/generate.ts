import "server-only";
import { db, type Tx } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { actionMethod, recordAudit } from "../audit/events.ts";
import { getRootAccountSettings } from "../accounts/accounts.ts";
import { env } from "../platform/env.ts";
import { fromPrismaError, unauthorized } from "../platform/errors.ts";
import { hasActiveStudentEnrollment, loginRootAccountIds } from "../accounts/permissions.ts";
import { digestCode, formatCode, generateCode } from "./format.ts";
import { assertObserverRegistrationOpen } from "../accounts/self-registration.ts";
import { assertMayGenerateFor } from "./staff.ts";
import { codesToRevokeInTx, studentsAtCap, studentsFullError, type CapChoice, type WhenFull } from "./cap.ts";

export type PairingCodeJson = { user_id: number; code: string; expires_at: string; workflow_state: "active" };
/** A new code with what a printed slip says about it (school, student) — more than the API shows. */
export type NewPairingCode = PairingCodeJson & {
  id: number;
  rootAccountId: number;
  schoolName: string;
  studentName: string;
};

/** Canvas's JSON for a new code (nothing else of NewPairingCode). */
export const toPairingCodeJson = (c: NewPairingCode): PairingCodeJson => ({
  user_id: c.user_id,
  code: c.code,
  expires_at: c.expires_at,
  workflow_state: c.workflow_state,
});

/** Which root account a student's code belongs to: the domain one if the student is in it, else their first. */
async function codeRootAccountId(studentId: number, domainRootAccountId: number): Promise<number | null> {
  const ids = await loginRootAccountIds(studentId);
  if (ids.includes(domainRootAccountId)) return domainRootAccountId;
  return ids.sort((a, b) => a - b)[0] ?? null;
}

type PreparedCode = {
  studentId: number;
  studentName: string;
  rootAccountId: number;
  schoolName: string;
  lifetimeMinutes: number;
};

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
  const student = await db.user.findUniqueOrThrow({ where: { id: studentId }, select: { name: true } });
  return {
    studentId,
    studentName: student.name,
    rootAccountId,
    schoolName: account.name,
    lifetimeMinutes: account.pairingCodeLifetimeMinutes,
  };
}

/** Makes the code in the caller's transaction; at the cap, as `choice` says (see cap.ts). */
async function insertCodeInTx(
  tx: Tx,
  actor: Actor,
  p: PreparedCode,
  choice: CapChoice,
): Promise<NewPairingCode> {
  const code = generateCode();
  const expiresAt = new Date(Date.now() + p.lifetimeMinutes * 60_000);
  // Serialize code creation per student so the cap of five holds under concurrency.
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${p.studentId} FOR UPDATE`;
  const self = actor.userId === p.studentId;
  const toRevoke = await codesToRevokeInTx(tx, { studentId: p.studentId, self, ...choice });
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
      hint: code.slice(-4),
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
    data: {
      pairingCodeId: created.id,
      revokedIds: toRevoke,
      ...(toRevoke.length ? { revokedBecause: choice.replaceCodeId ? "chosen" : "oldest" } : {}),
    },
  });
  return {
    id: created.id,
    schoolName: p.schoolName,
    studentName: p.studentName,
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

/**
 * Generates a pairing code for a student (see prepareCode for who may, and when). At the cap of
 * five it refuses unless told which code to revoke (`replaceCodeId`) or to revoke the oldest.
 */
export async function createPairingCode(
  actor: Actor,
  input: { studentId: number } & CapChoice,
): Promise<NewPairingCode> {
  const { studentId, ...choice } = input;
  const prepared = await prepareCode(actor, studentId);
  return retryingCollisions(() => db.$transaction((tx) => insertCodeInTx(tx, actor, prepared, choice)));
}

/**
 * A code for each of several students (a course's CSV), all or none: every student is checked
 * first, then the codes are made in one transaction, so a failure leaves no half-made batch.
 */
export async function createPairingCodes(
  actor: Actor,
  input: { studentIds: number[]; whenFull?: WhenFull },
): Promise<NewPairingCode[]> {
  const prepared: PreparedCode[] = [];
  for (const studentId of input.studentIds) prepared.push(await prepareCode(actor, studentId));
  const whenFull = input.whenFull ?? "refuse";
  return retryingCollisions(() =>
    db.$transaction(
      async (tx) => {
        if (whenFull === "refuse") {
          const full = new Set(await studentsAtCap(tx, input.studentIds));
          if (full.size)
            throw studentsFullError(prepared.filter((p) => full.has(p.studentId)).map((p) => p.studentName));
        }
        const out: NewPairingCode[] = [];
        for (const p of prepared) out.push(await insertCodeInTx(tx, actor, p, { whenFull }));
        return out;
      },
      { timeout: 120_000 },
    ),
  );
}
