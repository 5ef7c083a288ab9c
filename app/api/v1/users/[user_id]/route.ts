// GET /api/v1/users/:user_id — one user
import { getUserEndpoint } from "@/lib/api/endpoints/users";
import { apiRoute } from "@/lib/api/route";
import { getUser } from "@/lib/users";

export const GET = apiRoute(getUserEndpoint, async ({ path, actor, userId }) =>
  getUser(actor, await userId(path.user_id)),
);
