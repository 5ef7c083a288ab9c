// Accounts and the account-scoped creation endpoints (users, courses).
import { z } from "zod";
import { endpoint } from "../endpoint.ts";
import {
  booleanParam,
  challengeParam,
  listParam,
  noParams,
  paginationParams,
  userJsonSchema,
} from "../schemas/common.ts";
import { accountJsonSchema, courseJsonSchema } from "../schemas/responses.ts";

const tag = "Accounts";

export const listAccountsEndpoint = endpoint({
  method: "get",
  path: "/accounts",
  operationId: "listAccounts",
  tag,
  list: true,
  summary: "List accounts",
  description: "The accounts the caller is an admin of (students and teachers get an empty list).",
  params: z.object(paginationParams),
  response: accountJsonSchema,
});

export const getAccountEndpoint = endpoint({
  method: "get",
  path: "/accounts/{account_id}",
  operationId: "getAccount",
  tag,
  summary: "Get a single account",
  description:
    "`self` is the root account of the host. Admins see any account they manage; members see their institution's root account.",
  params: noParams,
  response: accountJsonSchema,
});

export const listAccountUsersEndpoint = endpoint({
  method: "get",
  path: "/accounts/{account_id}/users",
  operationId: "listAccountUsers",
  tag: "Users",
  list: true,
  summary: "List users in an account",
  description:
    "Admins of the account. `search_term` matches name, email, login and SIS id (at least 2 characters, else 400).",
  params: z.object({
    search_term: z.string().optional().meta({ description: "At least 2 characters." }),
    include: listParam("`email` adds each user's email."),
    ...paginationParams,
  }),
  response: userJsonSchema,
});

export const createAccountUserEndpoint = endpoint({
  method: "post",
  path: "/accounts/{account_id}/users",
  operationId: "createAccountUser",
  tag: "Users",
  auth: "optional",
  summary: "Create a user (admins) or self-register as an observer (no token)",
  description:
    "With an admin's token: creates a user with a login in the account's root account. Without a token: parent self-registration, which requires `user[initial_enrollment_type]=observer` and a valid `pairing_code[code]`, and the account's self-registration setting to allow observers (else 403); creates the user, login and link in one transaction. " +
    'Field errors are a 400 in Canvas\'s nested shape, e.g. `{"errors":{"pairing_code":{"code":[{"attribute":"code","type":"invalid","message":"invalid"}]}}}` or `errors.pseudonym.unique_id` for a taken login. ' +
    "Self-registration is throttled like redeeming a code: 429 with Retry-After past a guesser's limit, or 429 with a `challenge` to solve and send back as `challenge` while the school has had too many wrong codes.",
  params: z.object({
    user: z.object({
      name: z.string().trim().min(1, "is required").max(255),
      short_name: z.string().trim().max(255).optional(),
      sortable_name: z.string().trim().max(255).optional(),
      initial_enrollment_type: z
        .enum(["observer", "student", "teacher", "ta"])
        .optional()
        .meta({ description: "`observer` for self-registration." }),
      terms_of_use: booleanParam("Accepted the terms of use."),
    }),
    pseudonym: z.object({
      unique_id: z
        .string()
        .trim()
        .min(1, "is required")
        .max(254)
        .meta({ description: "The login, usually an email." }),
      password: z.string().min(8, "must be at least 8 characters").max(1024).optional().meta({
        description: "Omit it to email the user a link to choose one (they need an email address).",
      }),
      sis_user_id: z.string().trim().min(1).max(255).optional().meta({ description: "Admins only." }),
      send_confirmation: booleanParam("Accepted for compatibility; no email is sent."),
      force_self_registration: booleanParam(
        "Email the user a one-time link to choose their password (7 days); any `password` given is ignored. Without a password this happens anyway.",
      ),
    }),
    pairing_code: z
      .object({ code: z.string().trim().max(64) })
      .optional()
      .meta({ description: "Self-registration: the student's pairing code." }),
    challenge: challengeParam,
    communication_channel: z
      .object({ type: z.string().optional(), address: z.string().trim().max(254).optional() })
      .optional(),
  }),
  response: userJsonSchema,
});

export const createCourseEndpoint = endpoint({
  method: "post",
  path: "/accounts/{account_id}/courses",
  operationId: "createCourse",
  tag: "Courses",
  summary: "Create a course",
  description: "Admins of the account. Unpublished unless `offer=true`.",
  params: z.object({
    course: z
      .object({
        name: z.string().trim().max(255).optional(),
        course_code: z.string().trim().max(255).optional(),
        sis_course_id: z.string().trim().min(1).max(255).optional(),
      })
      .optional(),
    offer: booleanParam("Publish the course at once."),
  }),
  response: courseJsonSchema,
});
