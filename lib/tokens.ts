import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "./db.ts";
import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.ts";
import { notFound } from "./errors.ts";

const TOKEN_PREFIX = "opk_";

function digestToken(raw: string): string {
  return createHash("sha256").update(raw).digest("hex");
}

export type NewTokenJson = { id: number; token: string; hint: string; purpose: string; expires_at: string | null; created_at: string };

/**
 * Issues an API token for a user: 256 random bits, shown once, stored only as SHA-256.
 * `actorId` is who asked (the user, or an operator through the CLI when null).
 */
export async function issueAccessToken(input: { userId: number; purpose: string; expiresAt?: Date | null; actorId: number | null; ip?: string | null }): Promise<NewTokenJson> {
  const raw = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const hint = raw.slice(-4);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.accessToken.create({
      data: { userId: input.userId, digest: digestToken(raw), hint, purpose: input.purpose, expiresAt: input.expiresAt ?? null },
      select: { id: true, createdAt: true, expiresAt: true },
    });
    await recordAudit(tx, { action: "token.created", actorId: input.actorId, subjectId: input.userId, ip: input.ip ?? null, data: { tokenId: created.id, purpose: input.purpose } });
    return created;
  });
  return { id: row.id, token: raw, hint, purpose: input.purpose, expires_at: row.expiresAt?.toISOString() ?? null, created_at: row.createdAt.toISOString() };
}

/** A user creating a token for themself. */
export function createAccessToken(actor: Actor, input: { purpose: string; expiresAt?: Date | null }) {
  return issueAccessToken({ userId: actor.userId, purpose: input.purpose, expiresAt: input.expiresAt, actorId: actor.userId, ip: actor.ip });
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The active user a bearer token belongs to, or null (unknown, revoked, expired, or user not active). */
export async function authenticateAccessTokenUser(raw: string): Promise<{ id: number; name: string } | null> {
  if (!raw || raw.length > 200) return null;
  // One query for token and user: this runs on every API request.
  const token = await db.accessToken.findUnique({
    where: { digest: digestToken(raw) },
    select: { id: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, name: true, workflowState: true } } },
  });
  const now = Date.now();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now) || token.user.workflowState !== "active") return null;
  // Record use at minute resolution: a write per request would dominate the API's cost.
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.accessToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: token.user.id, name: token.user.name };
}

/** The user id a bearer token belongs to, or null. */
export async function authenticateAccessToken(raw: string): Promise<number | null> {
  return (await authenticateAccessTokenUser(raw))?.id ?? null;
}

export type AccessTokenRow = { id: number; hint: string; purpose: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null };

/** The actor's live tokens (never the token itself: only its last 4 characters). */
export async function listAccessTokens(actor: Actor): Promise<AccessTokenRow[]> {
  return db.accessToken.findMany({
    where: { userId: actor.userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: { id: "desc" },
    select: { id: true, hint: true, purpose: true, createdAt: true, expiresAt: true, lastUsedAt: true },
  });
}

/** Revokes one of the actor's own tokens; someone else's is "not found". */
export async function revokeAccessToken(actor: Actor, input: { tokenId: number }): Promise<void> {
  await db.$transaction(async (tx) => {
    const revoked = await tx.accessToken.updateMany({ where: { id: input.tokenId, userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count !== 1) throw notFound();
    await recordAudit(tx, { action: "token.revoked", actorId: actor.userId, subjectId: actor.userId, ip: actor.ip, data: { tokenId: input.tokenId } });
  });
}
