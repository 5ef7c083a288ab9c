// The pages' Content-Security-Policy and HSTS, set by proxy.ts on every page and route (by
// lib/api/served-host.ts on the /api/v1 routes, which the proxy does not see). Scripts run
// only with this request's nonce ('strict-dynamic' lets Next's own loader add its chunks); styles
// allow inline attributes (React style props, Scalar) but no other origin; nothing may frame us.
// Pure, so proxy.ts may import it.

export function pageContentSecurityPolicy(nonce: string, opts: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * /api/docs (a static page loading Scalar from /api/docs/scalar.js, which adds its own scripts and
 * styles at run time): same-origin scripts, no inline ones.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The JSON API (/api/v1): nothing it answers may load, run or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A year, subdomains included: sent only on responses that came over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** Over https directly, or as the proxy in front says (a forged header only adds HSTS to plain http, which browsers ignore). */
export function isHttpsRequest(req: Request): boolean {
  return new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
}
