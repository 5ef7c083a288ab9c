import "server-only";
import type { Actor } from "../accounts/actor.ts";
import { getDomainRootAccountId } from "../accounts/accounts.ts";
import { clientIp } from "../platform/client-ip.ts";
import { AppError, MESSAGES } from "../platform/errors.ts";
import { authenticateAccessTokenUser } from "../identity/tokens.ts";

/** The bearer token of a request: `Authorization: Bearer …` or the `access_token` parameter. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (m) return m[1];
  // Only the query string's access_token authenticates: in a POST /observees body, access_token
  // is the observee's token (Canvas's "add an observee with an access token").
  return new URL(req.url).searchParams.get("access_token") || null;
}

/**
 * The request's actor, or null when it carries no token at all. A token that is present but
 * unknown, revoked or expired is a 401 even on endpoints that allow anonymous callers. A token is
 * bound to the school it was made at (older and operator-made tokens without one: to its user's
 * schools): on another school's host the request is anonymous there (as a session is,
 * lib/identity/session.ts), whatever the token could do at home.
 */
export async function apiActor(req: Request): Promise<Actor | null> {
  const raw = bearerToken(req);
  if (!raw) return null;
  const domainRootAccountId = await getDomainRootAccountId(req.headers.get("host"));
  const user = await authenticateAccessTokenUser(raw, domainRootAccountId);
  if (!user) throw new AppError("unauthenticated", MESSAGES.unauthenticated);
  if (!user.inSchool) return null;
  // The token lookup re-read the user's state, so this is as fresh as loadActor.
  return { userId: user.id, name: user.name, domainRootAccountId, ip: clientIp(req.headers), via: "token" };
}
