// Courses and their enrollments.
import { z } from "zod";
import { endpoint } from "../endpoint.ts";
import { noParams, userRefParam } from "../schemas/common.ts";
import { courseJsonSchema, enrollmentJsonSchema } from "../schemas/responses.ts";
import { enrollmentFilterParams } from "./users.ts";

export const getCourseEndpoint = endpoint({
  method: "get",
  path: "/courses/{course_id}",
  operationId: "getCourse",
  tag: "Courses",
  summary: "Get a single course",
  description: "Admins of its account and its members.",
  params: noParams,
  response: courseJsonSchema,
});

export const createEnrollmentEndpoint = endpoint({
  method: "post",
  path: "/courses/{course_id}/enrollments",
  operationId: "createEnrollment",
  tag: "Enrollments",
  summary: "Enroll a user",
  description:
    "Admins of the course's account. Enrolling someone already enrolled the same way updates the state (idempotent). A new student enrollment gives the student's linked observers their observer enrollment.",
  params: z.object({
    enrollment: z.object({
      user_id: userRefParam("A user id, `sis_user_id:…` or `sis_login_id:…`."),
      type: z.enum(["StudentEnrollment", "TeacherEnrollment", "TaEnrollment", "ObserverEnrollment"]),
      enrollment_state: z
        .enum(["active", "invited", "inactive"])
        .optional()
        .meta({ description: "Default: invited." }),
      associated_user_id: userRefParam(
        "Observer enrollments: the observed student (enrolled in this course).",
      ).optional(),
    }),
  }),
  response: enrollmentJsonSchema,
});

export const listCourseEnrollmentsEndpoint = endpoint({
  method: "get",
  path: "/courses/{course_id}/enrollments",
  operationId: "listCourseEnrollments",
  tag: "Enrollments",
  list: true,
  summary: "List a course's enrollments",
  description:
    "Admins, teachers and TAs see everyone; other members see their own enrollments and those of the students they observe.",
  params: z.object({
    ...enrollmentFilterParams,
    user_id: userRefParam("Only this user's enrollments.").optional(),
  }),
  response: enrollmentJsonSchema,
});
