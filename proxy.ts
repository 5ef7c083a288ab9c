// Every request but static files: refused unless its Host is one this app serves (APP_URL's or a
// school's domain: a page served under a forged name would be a form that mails links there), a fresh nonce and the Content-Security-Policy that requires it
// (Next puts the nonce on its own scripts when it finds the policy on the request), HSTS over
// https, a 400 for a path whose escapes do not decode, and a redirect of signed-out visitors of app
// pages to the sign-in page. It only redirects: every page, server action and route handler checks
// the session itself (CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";
import { malformedPathResponse } from "./lib/api/malformed-path";
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_OPTIONS } from "./lib/platform/locales";
import { unservedHost } from "./lib/api/served-host";
import {
  API_CONTENT_SECURITY_POLICY,
  DOCS_CONTENT_SECURITY_POLICY,
  isHttpsRequest,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from "./lib/platform/security-headers";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const APP_PAGES = ["/settings", "/observing", "/admin", "/courses", "/notifications"];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export async function proxy(req: NextRequest) {
  // A path whose escapes do not decode: 400 here, not a 500 from the router.
  const malformed = malformedPathResponse(req.nextUrl.pathname);
  if (malformed) return malformed;
  const refused = await unservedHost(req);
  if (refused) return refused;
  const path = req.nextUrl.pathname;
  const https = isHttpsRequest(req);
  // The Canvas API (only a path with escapes comes here: the matcher leaves the others to the
  // routes, lib/api/served-host.ts) answers JSON: no script runs in it, so no nonce and no
  // rewritten request.
  if (under(path, "/api/v1")) {
    const res = NextResponse.next();
    res.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    if (https) res.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    return res;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = under(path, "/api/docs")
    ? DOCS_CONTENT_SECURITY_POLICY
    : pageContentSecurityPolicy(nonce, { https, dev: process.env.NODE_ENV === "development" });

  let res: NextResponse;
  const signedIn = SESSION_COOKIES.some((c) => req.cookies.has(c));
  if (!signedIn && APP_PAGES.some((p) => under(path, p))) {
    const url = new URL("/login", req.url);
    url.searchParams.set("next", path);
    res = NextResponse.redirect(url);
  } else {
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    // A code link carries the language it was printed in (lib/platform/qr.ts): this page and the
    // next ones open in it, unless the family already chose one with the switcher.
    const lang = req.nextUrl.searchParams.get("lang");
    const linkLocale = isLocale(lang) && !req.cookies.has(LOCALE_COOKIE) ? lang : null;
    if (linkLocale)
      headers.set(
        "cookie",
        [req.headers.get("cookie"), `${LOCALE_COOKIE}=${linkLocale}`].filter(Boolean).join("; "),
      );
    res = NextResponse.next({ request: { headers } });
    if (linkLocale) res.cookies.set(LOCALE_COOKIE, linkLocale, LOCALE_COOKIE_OPTIONS);
  }
  res.headers.set("Content-Security-Policy", csp);
  if (https) res.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return res;
}

export const config = {
  matcher: [
    {
      // Not the Canvas API (/api/v1): its routes refuse an unserved Host and set their headers
      // themselves (lib/api/served-host.ts), as a pass through the proxy costs an API request about
      // a third of its throughput (docs/benchmarks.md), and Next buffers a body for the proxy and
      // cuts it at 10 MB, silently (proxyClientMaxBodySize), where the SIS import upload streams.
      // Only a path without escapes is left out: one whose escapes do not decode must still get
      // the proxy's 400, not the router's 500 (tests/adversarial/fuzz.test.ts).
      source: "/((?!_next/static|_next/image|favicon.ico|examples/|api/v1/[A-Za-z0-9_:.~/-]+$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
