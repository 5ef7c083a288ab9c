import "server-only";
import type { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { zodFieldErrors } from "../platform/action-state.ts";
import { AppError, MESSAGES } from "../platform/errors.ts";
import { resolveUserId } from "../users/index.ts";
import { apiActor } from "./auth.ts";
import type { Endpoint } from "./endpoint.ts";
import { masquerade } from "./masquerade.ts";
import { assertNoNul } from "../platform/no-nul.ts";
import { inRequestScope } from "../platform/request-cache.ts";
import { readParams, type Params } from "./params.ts";
import { renderError } from "./respond.ts";
import { servedHostOnly } from "./served-host.ts";

type RouteContext = { params: Promise<Record<string, string>> };

type BaseContext<P> = {
  req: Request;
  /** The raw merged parameters (query + body). */
  params: Params;
  /** The parameters validated by the endpoint's schema. */
  input: P;
  path: Record<string, string>;
};

export type ApiContext<P = unknown> = BaseContext<P> & {
  actor: Actor;
  /** Resolves a path user id (`self`, numeric, `sis_user_id:…`, `sis_login_id:…`). */
  userId: (value: string) => Promise<number>;
};

export type PublicApiContext<P = unknown> = BaseContext<P> & { actor: Actor | null };

type Result = Response | object;

function toResponse(result: Result, e: { status?: number }): Response {
  if (result instanceof Response) return result;
  return Response.json(result, { status: e.status ?? 200 });
}

async function prepare<P extends z.ZodType>(req: Request, context: RouteContext, e: Endpoint<P>) {
  // Authenticate before reading the body: an anonymous caller learns nothing about validation.
  let actor = await apiActor(req);
  if (!actor && e.auth !== "optional") throw new AppError("unauthenticated", MESSAGES.unauthenticated);
  const [params, path] = await Promise.all([readParams(req), context.params]);
  assertNoNul(path);
  if (actor && params.as_user_id !== undefined && params.as_user_id !== "")
    actor = await masquerade(actor, params.as_user_id, req);
  return { actor, params, path, input: parseParams(e.params, params) as z.infer<P> };
}

/** Wraps an authenticated /api/v1 handler: bearer auth, masquerading, parameters, Canvas-shaped errors. */
export function apiRoute<P extends z.ZodType>(
  e: Endpoint<P>,
  handler: (ctx: ApiContext<z.infer<P>>) => Promise<Result>,
) {
  // A request scope: React's cache does nothing in route handlers (lib/platform/request-cache.ts).
  return servedHostOnly((req: Request, context: RouteContext): Promise<Response> =>
    inRequestScope(async () => {
      try {
        const { actor, params, path, input } = await prepare(req, context, e);
        const a = actor as Actor;
        const userId = (value: string) =>
          resolveUserId(value, { selfId: a.userId, rootAccountId: a.domainRootAccountId });
        return toResponse(await handler({ req, params, input, path, actor: a, userId }), e);
      } catch (err) {
        return renderError(err);
      }
    }),
  );
}

/** Like apiRoute for endpoints anonymous callers may use (`auth: "optional"`). */
export function publicApiRoute<P extends z.ZodType>(
  e: Endpoint<P>,
  handler: (ctx: PublicApiContext<z.infer<P>>) => Promise<Result>,
  onError: (err: unknown) => Response = renderError,
) {
  return servedHostOnly((req: Request, context: RouteContext): Promise<Response> =>
    inRequestScope(async () => {
      try {
        const { actor, params, path, input } = await prepare(req, context, { ...e, auth: "optional" });
        return toResponse(await handler({ req, params, input, path, actor }), e);
      } catch (err) {
        return onError(err);
      }
    }),
  );
}

/** Validates parameters with a zod schema; a failure is a 400 naming the field (Rails-style, `observee[unique_id]`). */
function parseParams<S extends z.ZodType>(schema: S, params: Params): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const fieldErrors = zodFieldErrors(parsed.error.issues, "request");
    const [field, messages] = Object.entries(fieldErrors)[0];
    throw new AppError("bad_request", `${field}: ${messages[0]}`, { fieldErrors });
  }
  return parsed.data;
}
