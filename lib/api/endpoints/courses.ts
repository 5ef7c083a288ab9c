// Courses and their enrollments.
import { z } from "zod";
import { endpoint } from "../endpoint.ts";
import {
  booleanParam,
  listParam,
  noParams,
  paginationParams,
  userJsonSchema,
  userRefParam,
} from "../schemas/common.ts";
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
    "Admins of the course's account. Enrolling someone already enrolled the same way updates the state (idempotent). A new student enrollment gives the student's linked observers their observer enrollment. " +
    "An `ObserverEnrollment` with `associated_user_id` is a course-level link: the observer sees that student in this course only. Teachers of the course may make one where the school allows teachers to link observers; the student is notified; an observer enrolled as a student anywhere is refused (422, `errors.confirm_student_observer`) unless `confirm_student_observer=true`.",
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
    confirm_student_observer: booleanParam(
      "Not in Canvas: confirms that an observer who is enrolled as a student somewhere should observe (course-level links).",
    ),
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

export const deleteEnrollmentEndpoint = endpoint({
  method: "delete",
  path: "/courses/{course_id}/enrollments/{id}",
  operationId: "deleteEnrollment",
  tag: "Enrollments",
  summary: "Conclude, deactivate, or delete an enrollment",
  description:
    "Admins of the course's account: any enrollment. Teachers, where the school allows them to link observers: course-level observer links only (an all-courses link is removed by the school). Returns the enrollment in its new state; an enrollment of another course is 404. Ending a student's enrollment ends their observers' enrollments in the course.",
  params: z.object({
    task: z.enum(["conclude", "delete", "inactivate", "deactivate"]).optional().meta({
      description: "conclude (the default) → completed; delete → deleted; inactivate/deactivate → inactive.",
    }),
  }),
  response: enrollmentJsonSchema,
});

const courseUserSchema = userJsonSchema
  .extend({
    enrollments: z
      .array(
        enrollmentJsonSchema.omit({ user: true }).extend({
          observed_user: userJsonSchema.optional().meta({
            description: "Observer enrollments, with `include[]=observed_users`: the observed student.",
          }),
        }),
      )
      .optional()
      .meta({
        description:
          "With `include[]=enrollments` (observers' also with `include[]=observed_users`): the user's enrollments in this course.",
      }),
  })
  .meta({ id: "CourseUser" });

export const listCourseUsersEndpoint = endpoint({
  method: "get",
  path: "/courses/{course_id}/users",
  operationId: "listCourseUsers",
  tag: "Users",
  list: true,
  summary: "List users in course",
  description:
    "Admins of the course's account, its teachers and TAs; students and observers get 401 (Canvas lets them read the roster; here it says who observes whom). One row per user, sorted by sortable name then id.",
  params: z.object({
    search_term: z
      .string()
      .optional()
      .meta({ description: "Name, email, login or SIS id; at least 2 characters." }),
    enrollment_type: listParam(
      "Filter: student, teacher, ta, observer (designer and student_view match nobody).",
    ),
    enrollment_state: listParam(
      "Filter: active, invited, inactive, completed (default: active and invited).",
    ),
    include: listParam(
      "`enrollments` (the user's enrollments in this course), `observed_users` (each observer enrollment's `observed_user`), `avatar_url`.",
    ),
    ...paginationParams,
  }),
  response: courseUserSchema,
});
