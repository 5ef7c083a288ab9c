// Any /api path no route serves: Canvas's JSON 404 for every method, never the app's HTML page
// (a client or script parses the body; found by tests/adversarial/fuzz.test.ts on `/users/./…`).
import { notFound } from "@/lib/platform/errors";
import { renderError } from "@/lib/api/respond";
import { servedHostOnly } from "@/lib/api/served-host";

// Under /api/v1 the proxy does not look (lib/api/served-host.ts).
const unknownPath = servedHostOnly(async () => renderError(notFound()));

export const GET = unknownPath;
export const HEAD = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
