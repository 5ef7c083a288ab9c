// DELETE /api/v1/users/self/tokens/:token_id — revoke one of your access tokens
import { deleteTokenEndpoint } from "@/lib/api/endpoints/users";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { revokeAccessToken } from "@/lib/tokens";

export const DELETE = apiRoute(deleteTokenEndpoint, async ({ path, actor, userId }) => {
  if ((await userId(path.user_id)) !== actor.userId) throw notFound();
  const tokenId = pathId(path.token_id);
  await revokeAccessToken(actor, { tokenId });
  return { id: tokenId };
});
