// DELETE /api/v1/courses/:course_id/enrollments/:id — conclude, deactivate or delete an enrollment
import { deleteEnrollmentEndpoint } from "@/lib/api/endpoints/courses";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { endEnrollment } from "@/lib/courses";

export const DELETE = apiRoute(deleteEnrollmentEndpoint, async ({ input, path, actor }) =>
  endEnrollment(actor, { courseId: pathId(path.course_id), enrollmentId: pathId(path.id), task: input.task }),
);
