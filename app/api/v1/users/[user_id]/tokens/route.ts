// GET /api/v1/users/self/tokens — list your access tokens (hints only)
// POST /api/v1/users/:user_id/tokens — create an access token for yourself
import { createTokenEndpoint, listTokensEndpoint } from "@/lib/api/endpoints/users";
import { paginatedJson } from "@/lib/api/paginate";
import { apiRoute } from "@/lib/api/route";
import { pageRequest } from "@/lib/platform/pagination";
import { createAccessToken, listAccessTokens } from "@/lib/identity/tokens";

export const GET = apiRoute(listTokensEndpoint, async ({ req, input, path, actor, userId }) => {
  const page = pageRequest(input);
  const { items, total } = await listAccessTokens(actor, { userId: await userId(path.user_id), page });
  return paginatedJson(req, items, total, page);
});

export const POST = apiRoute(createTokenEndpoint, async ({ input, path, actor, userId }) =>
  createAccessToken(actor, {
    userId: await userId(path.user_id),
    purpose: input.token.purpose,
    expiresAt: input.token.expires_at ? new Date(input.token.expires_at) : null,
  }),
);
