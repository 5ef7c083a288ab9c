// GET /api/v1/courses/:course_id/enrollments — a course's enrollments
// POST /api/v1/courses/:course_id/enrollments — enroll a user (admins)
import { createEnrollmentEndpoint, listCourseEnrollmentsEndpoint } from "@/lib/api/endpoints/courses";
import { paginatedJson } from "@/lib/api/paginate";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import {
  createEnrollment,
  enrollmentFilter,
  ENROLLMENT_TYPES,
  listCourseEnrollments,
} from "@/lib/courses/enrollments";

export const GET = apiRoute(listCourseEnrollmentsEndpoint, async ({ req, input, path, actor, userId }) => {
  const filter = enrollmentFilter(input);
  const { items, total } = await listCourseEnrollments(actor, {
    ...filter,
    courseId: pathId(path.course_id),
    userId: input.user_id ? await userId(input.user_id) : undefined,
  });
  return paginatedJson(req, items, total, filter.page);
});

export const POST = apiRoute(createEnrollmentEndpoint, async ({ input, path, actor, userId }) => {
  const e = input.enrollment;
  return createEnrollment(actor, {
    courseId: pathId(path.course_id),
    userId: await userId(e.user_id),
    type: ENROLLMENT_TYPES[e.type],
    state: e.enrollment_state,
    associatedUserId: e.associated_user_id ? await userId(e.associated_user_id) : null,
    confirmStudentObserver: input.confirm_student_observer,
  });
});
