// Redirects signed-out visitors of app pages to the sign-in page. It only redirects: every page,
// server action and route handler checks the session itself (CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(req: NextRequest) {
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
  ],
};
