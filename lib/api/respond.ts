import "server-only";
import { AppError, HTTP_STATUS, MESSAGES, toAppError } from "../errors.ts";

/** Canvas's error bodies: 401s carry a `status`, everything else just `errors`. */
export function errorResponse(err: AppError): Response {
  const status = HTTP_STATUS[err.code];
  const headers: Record<string, string> = {};
  let body: Record<string, unknown>;
  if (err.code === "unauthenticated") body = { status: "unauthenticated", errors: [{ message: MESSAGES.unauthenticated }] };
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
