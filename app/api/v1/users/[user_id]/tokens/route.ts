// GET /api/v1/users/self/tokens — list your access tokens (hints only)
// POST /api/v1/users/:user_id/tokens — create an access token for yourself
import { createTokenEndpoint, listTokensEndpoint } from "@/lib/api/endpoints/users";
import { paginatedJson } from "@/lib/api/paginate";
import { apiRoute } from "@/lib/api/route";
import { unauthorized } from "@/lib/errors";
import { pageRequest } from "@/lib/pagination";
import { createAccessToken, listAccessTokens } from "@/lib/tokens";

export const GET = apiRoute(listTokensEndpoint, async ({ req, input, path, actor, userId }) => {
  if ((await userId(path.user_id)) !== actor.userId) throw unauthorized();
  const page = pageRequest(input);
  const all = await listAccessTokens(actor);
  const items = all.slice(page.offset, page.offset + page.perPage).map((t) => ({
    id: t.id,
    hint: t.hint,
    purpose: t.purpose,
    expires_at: t.expiresAt?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
  }));
  return paginatedJson(req, items, all.length, page);
});

export const POST = apiRoute(createTokenEndpoint, async ({ input, path, actor, userId }) => {
  // Tokens are personal: nobody, admins included, mints one for someone else through the API.
  if ((await userId(path.user_id)) !== actor.userId) throw unauthorized();
  const expiresAt = input.token.expires_at ? new Date(input.token.expires_at) : null;
  const json = await createAccessToken(actor, { purpose: input.token.purpose, expiresAt });
  return { ...json, visible_token: json.token };
});
