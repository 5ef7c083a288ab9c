// POST /api/v1/accounts/:account_id/courses — create a course (admins)
import { resolveAccountId } from "@/lib/accounts/accounts";
import { createCourseEndpoint } from "@/lib/api/endpoints/accounts";
import { apiRoute } from "@/lib/api/route";
import { createCourse } from "@/lib/courses/courses";

export const POST = apiRoute(createCourseEndpoint, async ({ input, path, actor }) =>
  createCourse(actor, {
    accountId: await resolveAccountId(path.account_id, actor),
    name: input.course?.name,
    courseCode: input.course?.course_code,
    sisCourseId: input.course?.sis_course_id,
    offer: input.offer,
  }),
);
