// DELETE /api/v1/users/self/tokens/:token_id — revoke one of your access tokens
import { deleteTokenEndpoint } from "@/lib/api/endpoints/users";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { revokeAccessToken } from "@/lib/identity/tokens";

export const DELETE = apiRoute(deleteTokenEndpoint, async ({ path, actor, userId }) =>
  revokeAccessToken(actor, { userId: await userId(path.user_id), tokenId: pathId(path.token_id) }),
);
