// The answer to a request whose Host this app does not serve (421), or whose server is not ready
// (503, fail closed). proxy.ts asks it of every request it sees; a route the proxy lets through
// untouched (the SIS import upload, so its body streams) asks it itself.
import { isServedHost } from "../accounts/origin.ts";
import { MissingAppUrlError } from "../platform/app-url.ts";

/** Null when the request's Host is served here, else the refusal. */
export async function unservedHost(req: Request): Promise<Response | null> {
  try {
    if (await isServedHost(req.headers.get("host"))) return null;
    return new Response("This address is not served here.\n", {
      status: 421,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  } catch (err) {
    // Fail closed: without APP_URL (or the database) no host can be told to be ours.
    console.error(err instanceof MissingAppUrlError ? err.message : err);
    return new Response("The server is not ready.\n", {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "5" },
    });
  }
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A route handler that first refuses an unserved Host, for routes the proxy does not see. */
export const servedHostOnly =
  (handler: Handler): Handler =>
  async (req, ctx) =>
    (await unservedHost(req)) ?? handler(req, ctx);
