import "server-only";
import type { Actor } from "@/lib/accounts/actor";
import { renderError } from "@/lib/api/respond";
import { AppError } from "@/lib/platform/errors";
import { getActor } from "@/lib/identity/session";

type Handler<C> = (actor: Actor, req: Request, context: C) => Promise<Response>;

/**
 * A route handler for signed-in browsers (the CSV downloads): re-checks the session and answers
 * every error through the one code→HTTP table, as plain text (429 with Retry-After included).
 */
export function sessionRoute<C>(handler: Handler<C>) {
  return async (req: Request, context: C): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError("unauthenticated", "Sign in first.");
      return await handler(actor, req, context);
    } catch (err) {
      return renderError(err, "text");
    }
  };
}

/** A CSV attachment that no cache keeps (it holds codes or audit rows). */
export function csvResponse(filename: string, csv: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
