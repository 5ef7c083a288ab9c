// A request path whose percent-escapes do not decode (`/users/%zz`, `%C0%AF`, a lone surrogate's
// `%ED%A0%80`) made Next's router fail while decoding the dynamic segments: a bare 500 before any
// handler ran (found by tests/adversarial/fuzz.test.ts). proxy.ts answers them 400 first.

/** A 400 for a path that cannot be decoded (Canvas's error body under /api), else null. */
export function malformedPathResponse(pathname: string): Response | null {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return null;
  } catch {
    const message = "The request path is malformed: a percent-escape does not decode.";
    if (pathname.startsWith("/api/")) return Response.json({ errors: [{ message }] }, { status: 400 });
    return new Response(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
