// Response bodies of the REST API as zod schemas: the OpenAPI document's components.
import { z } from "zod";
import "zod-openapi";
import { dateTime } from "./common.ts";
import { EnrollmentState } from "../../platform/generated/prisma/enums.ts";

export const pairingCodeJsonSchema = z
  .object({
    user_id: z.number().int(),
    code: z.string().meta({
      example: "7KQ2-M9XD",
      description:
        "8 Crockford base32 characters, shown XXXX-XXXX; typed in any case, with or without the hyphen.",
    }),
    expires_at: dateTime,
    workflow_state: z.literal("active"),
  })
  .meta({ id: "PairingCode" });

export const accountJsonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    parent_account_id: z.number().int().nullable(),
    root_account_id: z.number().int().nullable(),
    workflow_state: z.string(),
    sis_account_id: z.string().nullable().optional().meta({ description: "Admins only." }),
  })
  .meta({ id: "Account" });

export const courseJsonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    course_code: z.string(),
    account_id: z.number().int(),
    root_account_id: z.number().int(),
    workflow_state: z.enum(["available", "unpublished", "completed", "deleted"]),
    created_at: dateTime,
    sis_course_id: z.string().nullable().optional().meta({ description: "Admins only." }),
  })
  .meta({ id: "Course" });

const enrollmentType = z.enum([
  "StudentEnrollment",
  "TeacherEnrollment",
  "TaEnrollment",
  "ObserverEnrollment",
]);

export const enrollmentJsonSchema = z
  .object({
    id: z.number().int(),
    course_id: z.number().int(),
    user_id: z.number().int(),
    root_account_id: z.number().int(),
    type: enrollmentType,
    role: enrollmentType,
    enrollment_state: z.enum(EnrollmentState),
    associated_user_id: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Observer enrollments: the observed student." }),
    created_at: dateTime,
    updated_at: dateTime,
    user: z.object({
      id: z.number().int(),
      name: z.string(),
      sortable_name: z.string(),
      short_name: z.string(),
    }),
  })
  .meta({ id: "Enrollment" });

export const newTokenJsonSchema = z
  .object({
    id: z.number().int(),
    token: z.string().meta({ description: "Shown once; only its SHA-256 digest is stored." }),
    visible_token: z.string().meta({ description: "Canvas's name for `token`." }),
    hint: z.string(),
    purpose: z.string(),
    expires_at: dateTime.nullable(),
    created_at: dateTime,
  })
  .meta({ id: "NewAccessToken" });
