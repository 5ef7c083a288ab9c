// Redirects signed-out visitors of app pages to the sign-in page. It only redirects: every page,
// server action and route handler checks the session itself (CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";
import { malformedPathResponse } from "./lib/api/malformed-path";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(req: NextRequest) {
  // A path whose escapes do not decode: 400 here, not a 500 from the router (issue 10, adversarial).
  const malformed = malformedPathResponse(req.nextUrl.pathname);
  if (malformed) return malformed;
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const signedIn = SESSION_COOKIES.some((c) => req.cookies.has(c));
  if (!signedIn) {
    const url = new URL("/login", req.url);
    url.searchParams.set("next", req.nextUrl.pathname);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    "/settings/:path*",
    "/observing/:path*",
    "/admin/:path*",
    "/courses/:path*",
    "/notifications/:path*",
    "/api/v1/:path*",
  ],
};
