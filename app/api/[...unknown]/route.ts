// Any /api path no route serves: Canvas's JSON 404 for every method, never the app's HTML page
// (a client or script parses the body; found by tests/adversarial/fuzz.test.ts on `/users/./…`).
import { notFound } from "@/lib/platform/errors";
import { renderError } from "@/lib/api/respond";

const unknownPath = async () => renderError(notFound());

export const GET = unknownPath;
export const HEAD = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
