import "server-only";
import { AppError, HTTP_STATUS, MESSAGES, toAppError } from "../platform/errors.ts";

const UNEXPECTED = "An unexpected error occurred.";

/** The one table's status, and Retry-After when the error says when to try again (429, 503). */
function statusOf(err: AppError): { status: number; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (err.retryAfter) headers["Retry-After"] = String(err.retryAfter);
  return { status: HTTP_STATUS[err.code], headers };
}

/** Canvas's error bodies: 401s carry a `status`, everything else just `errors`. */
function errorResponse(err: AppError): Response {
  let body: Record<string, unknown>;
  if (err.code === "unauthenticated")
    body = { status: "unauthenticated", errors: [{ message: MESSAGES.unauthenticated }] };
  else if (err.code === "unauthorized") body = { status: "unauthorized", errors: [{ message: err.message }] };
  else body = { errors: [{ message: err.message }] };
  if (err.challenge) body.challenge = err.challenge;
  return Response.json(body, statusOf(err));
}

function textResponse(message: string, init: { status: number; headers?: Record<string, string> }) {
  const headers = {
    ...init.headers,
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
  };
  return new Response(message, { status: init.status, headers });
}

/**
 * Any thrown value → a response: AppErrors through the one table (as Canvas's JSON, or as plain
 * text for the session-authenticated downloads); unknown errors are logged and become a bare 500,
 * never a stack trace.
 */
export function renderError(err: unknown, as: "json" | "text" = "json"): Response {
  const appError = toAppError(err);
  if (appError)
    return as === "json" ? errorResponse(appError) : textResponse(appError.message, statusOf(appError));
  console.error("[api] unexpected error", err);
  if (as === "text") return textResponse(UNEXPECTED, { status: 500 });
  return Response.json({ errors: [{ message: UNEXPECTED }] }, { status: 500 });
}

/**
 * Canvas's validation body for user creation: `{"errors":{"pseudonym":{"unique_id":[{attribute,
 * type, message}]}}}`, from AppError field errors keyed Rails-style (`pseudonym[unique_id]`, see fieldName).
 * A bare `pairing_code` key is Canvas's `pairing_code.code` with type `invalid`.
 */
export function renderFieldErrors(err: unknown): Response {
  const appError = toAppError(err);
  if (!appError?.fieldErrors || (appError.code !== "bad_request" && appError.code !== "unprocessable"))
    return renderError(err);
  const errors: Record<string, unknown> = {};
  for (const [key, messages] of Object.entries(appError.fieldErrors)) {
    const parts = key.split(/[.[\]]+/).filter(Boolean);
    if (parts.length === 1 && parts[0] === "pairing_code") parts.push("code");
    const attribute = parts[parts.length - 1];
    let node = errors;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[attribute] = messages.map((message) => ({
      attribute,
      type: errorType(parts, message),
      message: parts[0] === "pairing_code" ? "invalid" : message,
    }));
  }
  return Response.json({ errors }, { status: 400 });
}

function errorType(parts: string[], message: string): string {
  if (parts[0] === "pairing_code") return "invalid";
  if (/already in use|taken/i.test(message)) return "taken";
  if (/required|blank/i.test(message)) return "blank";
  return "invalid";
}
