import "server-only";
import { AppError, HTTP_STATUS, MESSAGES, toAppError } from "../errors.ts";

/** Canvas's error bodies: 401s carry a `status`, everything else just `errors`. */
export function errorResponse(err: AppError): Response {
  const status = HTTP_STATUS[err.code];
  const headers: Record<string, string> = {};
  let body: Record<string, unknown>;
  if (err.code === "unauthenticated")
    body = { status: "unauthenticated", errors: [{ message: MESSAGES.unauthenticated }] };
  else if (err.code === "unauthorized") body = { status: "unauthorized", errors: [{ message: err.message }] };
  else body = { errors: [{ message: err.message }] };
  if (err.code === "rate_limited" && err.retryAfter) headers["Retry-After"] = String(err.retryAfter);
  return Response.json(body, { status, headers });
}

/** Any thrown value → a response; unknown errors are logged and become a bare 500, never a stack trace. */
export function renderError(err: unknown): Response {
  const appError = toAppError(err);
  if (appError) return errorResponse(appError);
  console.error("[api] unexpected error", err);
  return Response.json({ errors: [{ message: "An unexpected error occurred." }] }, { status: 500 });
}

/**
 * Canvas's validation body for user creation: `{"errors":{"pseudonym":{"unique_id":[{attribute,
 * type, message}]}}}`, from AppError field errors keyed `pseudonym.unique_id` or `pseudonym[unique_id]`.
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
