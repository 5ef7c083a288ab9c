// Typed domain errors and the one table that turns them into HTTP statuses.
import type { Challenge } from "altcha-lib";
import { isDatabaseUnavailable } from "./db-unavailable.ts";

export type ErrorCode =
  | "unauthenticated"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "bad_request"
  | "conflict"
  | "unprocessable"
  | "too_large"
  | "rate_limited"
  | "unavailable";

export type FieldErrors = Record<string, string[]>;

/** An ALTCHA challenge to solve before trying again (lib/identity/throttle/challenge-solve.ts). */
export type ChallengeJson = Challenge;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** Seconds until a throttled caller may try again. */
  readonly retryAfter?: number;
  /** Set on a 429 that asks for a solved challenge instead of a wait. */
  readonly challenge?: ChallengeJson;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fieldErrors?: FieldErrors; retryAfter?: number; challenge?: ChallengeJson } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = extra.fieldErrors;
    this.retryAfter = extra.retryAfter;
    this.challenge = extra.challenge;
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  // Canvas answers 401 (not 403) when a signed-in caller may not do something.
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  conflict: 409,
  unprocessable: 422,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

// Canvas's exact wording for the common cases.
export const MESSAGES = {
  unauthenticated: "user authorization required",
  unauthorized: "user not authorized to perform that action",
  notFound: "The specified resource does not exist.",
  invalidPairingCode: "Invalid pairing code.",
  unavailable: "The service is briefly unavailable. Nothing was changed: try again in a few seconds.",
} as const;

/** Seconds a caller waits before trying again when the database is briefly unreachable. */
const UNAVAILABLE_RETRY_AFTER = 5;

/** An error about one field: `message` shows next to it; `summary` (default: the same) is the whole answer. */
export function fieldError(
  field: string,
  message: string,
  opts: { summary?: string; code?: ErrorCode } = {},
): AppError {
  return new AppError(opts.code ?? "bad_request", opts.summary ?? message, {
    fieldErrors: { [field]: [message] },
  });
}

/** A field's name as forms and Canvas's API write it, Rails-style: ["pseudonym", "unique_id"] → `pseudonym[unique_id]`. */
export function fieldName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return head + rest.map((p) => `[${p}]`).join("");
}

/** An API parameter's error, worded as Canvas does: "pseudonym[unique_id]: ID already in use…". */
export function paramError(field: string, message: string): AppError {
  return fieldError(field, message, { summary: `${field}: ${message}` });
}

export const notFound = () => new AppError("not_found", MESSAGES.notFound);
export const unauthorized = () => new AppError("unauthorized", MESSAGES.unauthorized);

/** Maps Prisma's known request errors (unique violation, missing record) to AppErrors. */
export function fromPrismaError(err: unknown): AppError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "P2002") return new AppError("conflict", "That record already exists.");
  if (code === "P2025") return notFound();
  return null;
}

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) {
    console.warn(`[db] unavailable: ${(err as Error).message?.split("\n")[0] ?? err}`);
    return new AppError("unavailable", MESSAGES.unavailable, { retryAfter: UNAVAILABLE_RETRY_AFTER });
  }
  return fromPrismaError(err);
}
