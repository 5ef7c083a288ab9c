// GET /api/v1/courses/:course_id/users — Canvas's "List users in course" (staff of the course)
import { listCourseUsersEndpoint } from "@/lib/api/endpoints/courses";
import { paginatedJson } from "@/lib/api/paginate";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { listCourseUsers } from "@/lib/courses";
import { pageRequest } from "@/lib/platform/pagination";

export const GET = apiRoute(listCourseUsersEndpoint, async ({ req, input, path, actor }) => {
  const page = pageRequest(input);
  const { items, total } = await listCourseUsers(actor, {
    courseId: pathId(path.course_id),
    types: input.enrollment_type,
    states: input.enrollment_state,
    searchTerm: input.search_term,
    include: input.include,
    page,
  });
  return paginatedJson(req, items, total, page);
});
