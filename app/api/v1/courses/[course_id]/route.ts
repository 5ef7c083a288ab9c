// GET /api/v1/courses/:course_id — one course
import { getCourseEndpoint } from "@/lib/api/endpoints/courses";
import { apiRoute } from "@/lib/api/route";
import { pathId } from "@/lib/api/path";
import { getCourse } from "@/lib/courses/courses";

export const GET = apiRoute(getCourseEndpoint, async ({ path, actor }) =>
  getCourse(actor, pathId(path.course_id)),
);
