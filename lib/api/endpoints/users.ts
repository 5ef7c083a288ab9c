// Users, their enrollments and their API tokens.
import { z } from "zod";
import { endpoint } from "../endpoint.ts";
import { dateTime, listParam, noParams, paginationParams, userJsonSchema } from "../schemas/common.ts";
import { enrollmentJsonSchema, newTokenJsonSchema } from "../schemas/responses.ts";

export const getUserEndpoint = endpoint({
  method: "get",
  path: "/users/{user_id}",
  operationId: "getUser",
  tag: "Users",
  summary: "Show user details",
  description:
    "The user themself, admins (who also see login_id and sis_user_id), the user's linked observers or students, and their teachers.",
  params: noParams,
  response: userJsonSchema,
});

export const enrollmentFilterParams = {
  type: listParam("Filter: StudentEnrollment, TeacherEnrollment, TaEnrollment, ObserverEnrollment."),
  state: listParam("Filter: active, invited, inactive, completed, deleted (default: active and invited)."),
  ...paginationParams,
};

export const listUserEnrollmentsEndpoint = endpoint({
  method: "get",
  path: "/users/{user_id}/enrollments",
  operationId: "listUserEnrollments",
  tag: "Enrollments",
  list: true,
  summary: "List a user's enrollments",
  description:
    "The user, admins (courses of the accounts they manage), the user's observers and teachers (their courses).",
  params: z.object(enrollmentFilterParams),
  response: enrollmentJsonSchema,
});

export const createTokenEndpoint = endpoint({
  method: "post",
  path: "/users/{user_id}/tokens",
  operationId: "createAccessToken",
  tag: "Access Tokens",
  summary: "Create an access token (for yourself)",
  description:
    "`user_id` must be you (`self`). The token is shown once. Refused (401) while masquerading (`as_user_id`).",
  params: z.object({
    token: z.object({
      purpose: z.string().trim().min(1, "is required").max(255),
      expires_at: z
        .string()
        .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO 8601 date and time")
        .refine((v) => Date.parse(v) > Date.now(), "must be in the future")
        .optional()
        .meta({ description: "ISO 8601, in the future; absent: no expiry.", format: "date-time" }),
    }),
  }),
  response: newTokenJsonSchema,
});

export const tokenJsonSchema = z
  .object({
    id: z.number().int(),
    hint: z.string(),
    purpose: z.string(),
    expires_at: dateTime.nullable(),
    created_at: dateTime,
    last_used_at: dateTime.nullable(),
  })
  .meta({ id: "AccessToken" });

export const listTokensEndpoint = endpoint({
  method: "get",
  path: "/users/self/tokens",
  operationId: "listAccessTokens",
  tag: "Access Tokens",
  list: true,
  summary: "List your access tokens",
  description: "Never the token itself: its last four characters (`hint`).",
  params: z.object(paginationParams),
  response: tokenJsonSchema,
});

export const deleteTokenEndpoint = endpoint({
  method: "delete",
  path: "/users/self/tokens/{token_id}",
  operationId: "deleteAccessToken",
  tag: "Access Tokens",
  summary: "Revoke one of your access tokens",
  description: "Refused (401) while masquerading (`as_user_id`).",
  params: noParams,
  response: z.object({ id: z.number().int() }),
});
