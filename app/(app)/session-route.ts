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

const CSV_HEADERS = (filename: string) => ({
  "Content-Type": "text/csv; charset=utf-8",
  "Content-Disposition": `attachment; filename="${filename}"`,
  "Cache-Control": "no-store",
});

/** A CSV attachment that no cache keeps (it holds codes or audit rows). */
export function csvResponse(filename: string, csv: string): Response {
  return new Response(csv, { headers: CSV_HEADERS(filename) });
}

/** The same, streamed from its parts as they are read (a file too large to hold at once). */
export function csvStreamResponse(filename: string, parts: AsyncIterable<string>): Response {
  const encoder = new TextEncoder();
  const it = parts[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await it.return?.();
    },
  });
  return new Response(body, { headers: CSV_HEADERS(filename) });
}
