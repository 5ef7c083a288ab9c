// GET /api/v1/users/:user_id/observers — list a student's observers
import { listObserversEndpoint } from "@/lib/api/endpoints/observees";
import { paginatedJson } from "@/lib/api/paginate";
import { apiRoute } from "@/lib/api/route";
import { listObservers } from "@/lib/observer-links";
import { pageRequest } from "@/lib/pagination";
import { withLinkAdminFields } from "@/lib/users";

export const GET = apiRoute(listObserversEndpoint, async ({ req, input, path, actor, userId }) => {
  const studentId = await userId(path.user_id);
  const page = pageRequest(input);
  const { items, total } = await listObservers(actor, {
    studentId,
    page,
    includeAvatar: input.include.includes("avatar_url"),
  });
  return paginatedJson(req, await withLinkAdminFields(actor, studentId, items), total, page);
});
