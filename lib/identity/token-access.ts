import "server-only";
// Who may see and change a user's API tokens (only the user themself), listing and revoking them.
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/events.ts";
import { notFound, unauthorized } from "../platform/errors.ts";
import { pageWithTotal, type PageRequest } from "../platform/pagination.ts";

/**
 * Tokens are personal: nobody, admins included, lists, mints or revokes someone else's. Canvas
 * answers a caller without rights over the path's user with 401 "user not authorized to perform
 * that action" (render_unauthorized_action) when listing and creating; we give that one answer on
 * revoking too (Canvas: 404 there). Under your own user id, a token that is not yours is "not found".
 */
export function assertSelf(actor: Actor, userId: number, change = false): void {
  if (userId !== actor.userId) throw unauthorized();
  // Minting and revoking need the user themself, not an admin acting as them (as_user_id): a token
  // minted so would be a permanent credential of the target, outliving the masquerade's checks.
  if (change && actor.masqueradedBy !== undefined) throw unauthorized();
}

export type AccessTokenJson = {
  id: number;
  hint: string;
  purpose: string;
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
};

/**
 * A user's live tokens, newest first (never the token itself: only its last 4 characters). Without
 * `page`, all of them.
 */
export async function listAccessTokens(
  actor: Actor,
  input: { userId: number; page?: PageRequest },
): Promise<{ items: AccessTokenJson[]; total: number }> {
  assertSelf(actor, input.userId);
  const where = {
    userId: actor.userId,
    revokedAt: null,
    OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
  };
  const find = (page?: PageRequest) =>
    db.accessToken.findMany({
      where,
      orderBy: { id: "desc" },
      skip: page?.offset,
      take: page?.perPage,
      select: { id: true, hint: true, purpose: true, createdAt: true, expiresAt: true, lastUsedAt: true },
    });
  const { rows, total } = input.page
    ? await pageWithTotal(
        input.page,
        () => find(input.page),
        () => db.accessToken.count({ where }),
      )
    : await find().then((all) => ({ rows: all, total: all.length }));
  const items = rows.map((t) => ({
    id: t.id,
    hint: t.hint,
    purpose: t.purpose,
    expires_at: t.expiresAt?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
  }));
  return { items, total };
}

/** Revokes one of the actor's own tokens; someone else's is "not found". */
export async function revokeAccessToken(
  actor: Actor,
  input: { userId: number; tokenId: number },
): Promise<{ id: number }> {
  assertSelf(actor, input.userId, true);
  await db.$transaction(async (tx) => {
    const revoked = await tx.accessToken.updateMany({
      where: { id: input.tokenId, userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) throw notFound();
    await recordAudit(tx, {
      action: "token.revoked",
      actorId: actor.userId,
      subjectId: actor.userId,
      ip: actor.ip,
      data: { tokenId: input.tokenId },
    });
  });
  return { id: input.tokenId };
}
