// GET /api/v1/users/:user_id/enrollments — a user's enrollments
import { listUserEnrollmentsEndpoint } from "@/lib/api/endpoints/users";
import { paginatedJson } from "@/lib/api/paginate";
import { apiRoute } from "@/lib/api/route";
import { enrollmentFilter, listUserEnrollments } from "@/lib/courses/enrollments";

export const GET = apiRoute(listUserEnrollmentsEndpoint, async ({ req, input, path, actor, userId }) => {
  const filter = enrollmentFilter(input);
  const { items, total } = await listUserEnrollments(actor, {
    ...filter,
    userId: await userId(path.user_id),
  });
  return paginatedJson(req, items, total, filter.page);
});
