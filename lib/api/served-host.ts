// The answer to a request whose Host this app does not serve (421), or whose server is not ready
// (503, fail closed). proxy.ts asks it of every request it sees; the /api/v1 routes, which the
// proxy lets through untouched (a proxy pass costs an API request a third of its throughput, and
// an upload's body must stream), ask it themselves through servedHostOnly.
import { isServedHost } from "../accounts/origin.ts";
import { MissingAppUrlError } from "../platform/app-url.ts";
import {
  API_CONTENT_SECURITY_POLICY,
  isHttpsRequest,
  STRICT_TRANSPORT_SECURITY,
} from "../platform/security-headers.ts";

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

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/**
 * An /api/v1 route handler (the proxy does not see them): an unserved Host is refused first, and
 * every answer carries the API's Content-Security-Policy, and HSTS over https.
 */
export const servedHostOnly =
  <C>(handler: Handler<C>): Handler<C> =>
  async (req, ctx) => {
    const res = (await unservedHost(req)) ?? (await handler(req, ctx));
    res.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    if (isHttpsRequest(req)) res.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    return res;
  };
