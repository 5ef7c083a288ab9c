// An endpoint's contract in one place: its route handler validates with these zod schemas and
// lib/openapi builds /api/v1/openapi.json from the very same objects, so the two cannot drift.
import type { z } from "zod";

type HttpMethod = "get" | "post" | "put" | "delete";

export type Endpoint<P extends z.ZodType = z.ZodType> = {
  method: HttpMethod;
  /** OpenAPI path under /api/v1, e.g. `/users/{user_id}/observees`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** `optional`: no token needed (self-registration), the handler gets a null actor; absent: a token is required. */
  auth?: "optional";
  /** Query, form, multipart or JSON parameters (merged Rails-style). */
  params: P;
  /** The success body's schema; a list endpoint returns an array of it, paginated. */
  response?: z.ZodType;
  list?: boolean;
  status?: number;
};

/** Declares an endpoint (identity, for type inference). */
export function endpoint<P extends z.ZodType>(e: Endpoint<P>): Endpoint<P> {
  return e;
}
