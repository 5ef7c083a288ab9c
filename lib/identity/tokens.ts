import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, pool } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/events.ts";
import { assertSelf } from "./token-access.ts";

const TOKEN_PREFIX = "opk_";

function digestToken(raw: string): string {
  return createHash("sha256").update(raw).digest("hex");
}

export type NewTokenJson = {
  id: number;
  token: string;
  /** Canvas's name for `token`. */
  visible_token: string;
  hint: string;
  purpose: string;
  expires_at: string | null;
  created_at: string;
};

/**
 * Issues an API token for a user: 256 random bits, shown once, stored only as SHA-256.
 * `actorId` is who asked (the user, or an operator through the CLI when null); `rootAccountId` is
 * the school it is a credential of (null: any school where the user holds a login).
 */
export async function issueAccessToken(input: {
  userId: number;
  purpose: string;
  expiresAt?: Date | null;
  actorId: number | null;
  ip?: string | null;
  rootAccountId?: number | null;
}): Promise<NewTokenJson> {
  const raw = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const hint = raw.slice(-4);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.accessToken.create({
      data: {
        userId: input.userId,
        digest: digestToken(raw),
        hint,
        purpose: input.purpose,
        expiresAt: input.expiresAt ?? null,
        rootAccountId: input.rootAccountId ?? null,
      },
      select: { id: true, createdAt: true, expiresAt: true },
    });
    await recordAudit(tx, {
      action: "token.created",
      actorId: input.actorId,
      subjectId: input.userId,
      ip: input.ip ?? null,
      data: { tokenId: created.id, purpose: input.purpose },
    });
    return created;
  });
  return {
    id: row.id,
    token: raw,
    visible_token: raw,
    hint,
    purpose: input.purpose,
    expires_at: row.expiresAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/** A user creating a token for themself. */
export async function createAccessToken(
  actor: Actor,
  input: { userId: number; purpose: string; expiresAt?: Date | null },
): Promise<NewTokenJson> {
  assertSelf(actor, input.userId, true);
  return issueAccessToken({
    userId: actor.userId,
    purpose: input.purpose,
    expiresAt: input.expiresAt,
    actorId: actor.userId,
    ip: actor.ip,
    // Made at one school, it is a credential there only (lib/api/auth.ts).
    rootAccountId: actor.domainRootAccountId,
  });
}

// Timestamps are stored as UTC without a time zone (Prisma's DateTime), hence `now() AT TIME ZONE 'UTC'`.
const AUTHENTICATE_SQL = `
  SELECT t.id, u.id AS user_id, u.name,
         t.last_used_at IS NULL OR t.last_used_at < (now() AT TIME ZONE 'UTC') - interval '1 minute' AS stale,
         $2::int IS NULL OR ((t.root_account_id IS NULL OR t.root_account_id = $2::int)
           AND EXISTS (SELECT 1 FROM logins l WHERE l.user_id = u.id AND l.root_account_id = $2::int
                                                AND l.workflow_state = 'active')) AS in_school
    FROM access_tokens t JOIN users u ON u.id = t.user_id
   WHERE t.digest = $1 AND t.revoked_at IS NULL AND u.workflow_state = 'active'
     AND (t.expires_at IS NULL OR t.expires_at > (now() AT TIME ZONE 'UTC'))`;

/**
 * The active user a bearer token belongs to, or null (unknown, revoked, expired, or user not
 * active). With `rootAccountId` (the host's school), `inSchool` says whether the token is a
 * credential there: made at that school (or at none), and its user holds a login there
 * (lib/api/auth.ts).
 */
export async function authenticateAccessTokenUser(
  raw: string,
  rootAccountId: number | null = null,
): Promise<{ id: number; name: string; inSchool: boolean } | null> {
  if (!raw || raw.length > 200) return null;
  // Every API request runs this: one hand-written query for token and user (see `pool` in db.ts).
  const { rows } = await pool.query<{
    id: number;
    user_id: number;
    name: string;
    stale: boolean;
    in_school: boolean;
  }>(AUTHENTICATE_SQL, [digestToken(raw), rootAccountId]);
  const token = rows[0];
  if (!token) return null;
  // Record use at minute resolution: a write per request would dominate the API's cost.
  if (token.stale) await db.accessToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  return { id: token.user_id, name: token.name, inSchool: token.in_school };
}

/** The user id a bearer token belongs to, or null. */
export async function authenticateAccessToken(raw: string): Promise<number | null> {
  return (await authenticateAccessTokenUser(raw))?.id ?? null;
}

export { listAccessTokens, revokeAccessToken, type AccessTokenJson } from "./token-access.ts";
