import "server-only";
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { getRootAccountSettings } from "../accounts.ts";
import { env } from "../env.ts";
import { AppError, MESSAGES, unauthorized } from "../errors.ts";
import type { LinkMethod } from "../generated/prisma/client.ts";
import { linkInTx } from "../observer-links.ts";
import { adminRootAccountIds, hasActiveStudentEnrollment, loginRootAccountIds, sharedRootAccountIds } from "../permissions.ts";
import { toUserJson, userJsonSelect, type UserJson } from "../users.ts";
import { digestCode, formatCode, generateCode, normalizeCode } from "./format.ts";

export const MAX_ACTIVE_CODES = 5;

export type PairingCodeJson = { user_id: number; code: string; expires_at: string; workflow_state: "active" };

/** Which root account a student's code belongs to: the domain one if the student is in it, else their first. */
async function codeRootAccountId(studentId: number, domainRootAccountId: number): Promise<number | null> {
  const ids = await loginRootAccountIds(studentId);
  if (ids.includes(domainRootAccountId)) return domainRootAccountId;
  return ids.sort((a, b) => a - b)[0] ?? null;
}

/**
 * Generates a pairing code for a student. Allowed for the student themself or an admin of the
 * code's root account; the student must hold an active student enrollment (Canvas: 401 otherwise).
 * Refused when the account's self-registration is off (Canvas only hides the button).
 * The sixth active code revokes the oldest.
 */
export async function createPairingCode(actor: Actor, input: { studentId: number }): Promise<PairingCodeJson> {
  const rootAccountId = await codeRootAccountId(input.studentId, actor.domainRootAccountId);
  if (rootAccountId === null) throw unauthorized();
  if (actor.userId !== input.studentId) {
    const adminOf = await adminRootAccountIds(actor.userId);
    if (!adminOf.includes(rootAccountId)) throw unauthorized();
  }
  if (!(await hasActiveStudentEnrollment(input.studentId))) throw unauthorized();
  const account = await getRootAccountSettings(rootAccountId);
  if (account.selfRegistration === "none") {
    throw new AppError("forbidden", `${account.name} has not turned on observer registration, so pairing codes cannot be used there.`);
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
          ip: actor.ip,
          data: { pairingCodeId: created.id, revokedIds: toRevoke },
        });
      });
      return { user_id: input.studentId, code: formatCode(code), expires_at: expiresAt.toISOString(), workflow_state: "active" };
    } catch (err) {
      // A digest collision (one in 2^40 per active code) just draws again.
      if ((err as { code?: string }).code === "P2002" && attempt < 3) continue;
      throw err;
    }
  }
}

const invalidCode = () => new AppError("unprocessable", MESSAGES.invalidPairingCode, { fieldErrors: { pairing_code: [MESSAGES.invalidPairingCode] } });

export type RedeemInput = {
  observerId: number;
  code: string;
  /** Absent: the domain root account; "all": every root account both users share. */
  rootAccountId?: number | "all";
  method?: Extract<LinkMethod, "code" | "qr" | "api" | "self_registration">;
};

/**
 * Links an observer to the student whose code this is. Every failure (unknown, expired, used,
 * revoked, own code, no shared account) is the same 422, and the code is consumed only in the
 * transaction that creates the link, by one conditional update: of N concurrent redeemers one wins.
 */
export async function redeemPairingCode(actor: Actor, input: RedeemInput): Promise<UserJson> {
  if (actor.userId !== input.observerId) {
    const [adminOf, observerIn] = await Promise.all([adminRootAccountIds(actor.userId), loginRootAccountIds(input.observerId)]);
    if (!observerIn.some((id) => adminOf.includes(id))) throw unauthorized();
  }
  const method = input.method ?? "code";
  const fail = async (reason: string) => {
    await db.auditEvent.create({
      data: { action: "code.failed", actorId: actor.userId, targetId: input.observerId, method, ip: actor.ip, data: { reason } },
    });
    return invalidCode();
  };

  const normalized = normalizeCode(input.code);
  if (!normalized) throw await fail("malformed");
  const digest = digestCode(env().PAIRING_CODE_KEY, normalized);
  const code = await db.pairingCode.findFirst({
    where: { digest, workflowState: "active", expiresAt: { gt: new Date() } },
    select: { id: true, studentId: true },
  });
  if (!code) throw await fail("unknown, expired, used or revoked");
  // Canvas answers 200 here and burns the code; we refuse and keep the code usable.
  if (code.studentId === input.observerId) throw await fail("own code");

  let accounts = await sharedRootAccountIds(input.observerId, code.studentId);
  if (input.rootAccountId !== "all") {
    const wanted = input.rootAccountId ?? actor.domainRootAccountId;
    accounts = accounts.filter((id) => id === wanted);
  }
  if (actor.userId !== input.observerId) {
    const adminOf = new Set(await adminRootAccountIds(actor.userId));
    accounts = accounts.filter((id) => adminOf.has(id));
  }
  if (accounts.length === 0) throw await fail("no shared root account");

  const student = await db.$transaction(async (tx) => {
    const consumed = await tx.pairingCode.updateMany({
      where: { id: code.id, workflowState: "active", expiresAt: { gt: new Date() } },
      data: { workflowState: "redeemed", redeemedById: input.observerId, redeemedAt: new Date() },
    });
    if (consumed.count !== 1) return null;
    for (const rootAccountId of accounts) {
      await linkInTx(tx, { studentId: code.studentId, observerId: input.observerId, rootAccountId, method, actorId: actor.userId, ip: actor.ip });
    }
    await recordAudit(tx, {
      action: "code.redeemed",
      actorId: actor.userId,
      subjectId: code.studentId,
      targetId: input.observerId,
      rootAccountId: accounts[0],
      method,
      ip: actor.ip,
      data: { pairingCodeId: code.id, rootAccountIds: accounts },
    });
    return tx.user.findUniqueOrThrow({ where: { id: code.studentId }, select: userJsonSelect });
  });
  if (!student) throw await fail("lost a race for the code");
  return toUserJson(student);
}
