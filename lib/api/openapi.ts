// The OpenAPI 3.1 document of /api/v1, generated from the endpoints' own zod schemas
// (lib/api/endpoints), the objects the route handlers validate with.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import type { Endpoint } from "./endpoint.ts";
import { ALL_ENDPOINTS } from "./endpoints/index.ts";
import { errorSchema } from "./schemas/common.ts";

const PATH_PARAMS: Record<string, string> = {
  user_id: "A user id, `self`, `sis_user_id:<id>` or `sis_login_id:<login>`.",
  observee_id: "The student: a user id, `sis_user_id:<id>` or `sis_login_id:<login>`.",
  observer_id: "The observer: a user id, `sis_user_id:<id>` or `sis_login_id:<login>`.",
  account_id: "An account id, `self` (the host's root account) or `sis_account_id:<id>`.",
  course_id: "A course id.",
  token_id: "An access token id.",
};

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: errorSchema } },
});

function operation(e: Endpoint): ZodOpenApiOperationObject {
  const names = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const path = names.length
    ? z.object(
        Object.fromEntries(names.map((n) => [n, z.string().meta({ description: PATH_PARAMS[n] ?? n })])),
      )
    : undefined;
  const hasBody = e.method === "post" || e.method === "put";
  const body = { schema: e.params };
  const success = e.response
    ? {
        description: e.list
          ? "A page of results; the `Link` header (rel current, next, prev, first, last) points to the others."
          : "OK",
        headers: e.list
          ? { Link: { description: "RFC 5988 pagination links.", schema: { type: "string" as const } } }
          : undefined,
        content: { "application/json": { schema: e.list ? z.array(e.response) : e.response } },
      }
    : { description: "OK" };
  return {
    operationId: e.operationId,
    summary: e.summary,
    description: e.description,
    tags: [e.tag],
    security: e.auth === "optional" ? [{}, { bearer: [] }, { accessTokenQuery: [] }] : undefined,
    requestParams: { ...(path ? { path } : {}), ...(hasBody ? {} : { query: e.params as z.ZodObject }) },
    requestBody: hasBody
      ? {
          description:
            "JSON, form-urlencoded (Rails brackets: `observee[unique_id]=…`) or multipart; the same parameters may instead be sent in the query string.",
          content: {
            "application/json": body,
            "application/x-www-form-urlencoded": body,
            "multipart/form-data": body,
          },
        }
      : undefined,
    responses: {
      [String(e.status ?? 200)]: success,
      "400": error("A parameter is missing or invalid; the message names it."),
      "401": error("`unauthenticated`: no valid token; `unauthorized`: not allowed."),
      "404": error("The specified resource does not exist."),
      ...(e.operationId === "addObservee"
        ? {
            "422": error("Invalid pairing code. / Unknown observee."),
            "429": error(
              "Too many failed attempts: wait Retry-After seconds; or, when the body has a `challenge`, solve it and send the request again with it (see the `challenge` parameter).",
            ),
          }
        : {}),
      "503": error(
        "The database is briefly unreachable; nothing was changed. Try again after Retry-After seconds.",
      ),
    },
  };
}

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const e of ALL_ENDPOINTS) paths[e.path] = { ...paths[e.path], [e.method]: operation(e) };
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Observer Pairing API",
      version: "1.0.0",
      description:
        "Canvas LMS-compatible REST API (User Observees, Observer Pairing Codes, and the users, accounts, courses, enrollments and tokens automations need). " +
        "Authenticate with `Authorization: Bearer <token>` or the `access_token` query parameter; admins may add `as_user_id` to act as another user (audited). " +
        "Lists take `page` and `per_page` (default 10, at most 100).",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }, { accessTokenQuery: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token (`npm run cli -- token create`, or POST /users/self/tokens).",
        },
        accessTokenQuery: { type: "apiKey", in: "query", name: "access_token" },
      },
    },
    paths,
  });
  return cached;
}
