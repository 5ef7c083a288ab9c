import "server-only";
import type { z } from "zod";
import type { Actor } from "../actor.ts";
import { AppError } from "../errors.ts";
import { resolveUserId } from "../users.ts";
import { requireApiActor } from "./auth.ts";
import { readParams, type Params } from "./params.ts";
import { renderError } from "./respond.ts";

type RouteContext = { params: Promise<Record<string, string>> };

export type ApiContext = {
  req: Request;
  params: Params;
  path: Record<string, string>;
  actor: Actor;
  /** Resolves a path user id (`self`, numeric, `sis_user_id:…`). */
  userId: (value: string) => Promise<number>;
};

/** Wraps an authenticated /api/v1 handler: parameters, bearer auth, Canvas-shaped errors. */
export function apiRoute(handler: (ctx: ApiContext) => Promise<Response>) {
  return async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      // Authenticate before reading the body: an anonymous caller learns nothing about validation.
      const actor = await requireApiActor(req);
      const [params, path] = await Promise.all([readParams(req), context.params]);
      const userId = (value: string) => resolveUserId(value, { selfId: actor.userId, rootAccountId: actor.domainRootAccountId });
      return await handler({ req, params, path, actor, userId });
    } catch (err) {
      return renderError(err);
    }
  };
}

/** Validates parameters with a zod schema; a failure is a 400 naming the field. */
export function parseParams<S extends z.ZodType>(schema: S, params: Params): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join(".") || "request";
      (fieldErrors[field] ??= []).push(issue.message);
    }
    const [field, messages] = Object.entries(fieldErrors)[0];
    throw new AppError("bad_request", `${field}: ${messages[0]}`, { fieldErrors });
  }
  return parsed.data;
}
