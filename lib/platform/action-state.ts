import { type ChallengeJson, type FieldErrors, fieldName, toAppError } from "./errors.ts";

/** What every form's server action returns (rendered by useActionState). */
export type ActionState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  /** Values to put back in the form after a failure (never passwords). */
  values?: Record<string, string>;
  retryAfter?: number;
  /** An ALTCHA challenge the form solves and submits again with (lib/identity/throttle/challenge-solve.ts). */
  challenge?: ChallengeJson;
};

/** Turns a thrown error into form state; unexpected errors are logged and get a generic message. */
export function actionErrorState(err: unknown, values?: Record<string, string>): ActionState {
  const appError = toAppError(err);
  if (!appError) {
    console.error("[action] unexpected error", err);
    return { ok: false, message: "Something went wrong on our side. Please try again.", values };
  }
  return {
    ok: false,
    message: appError.message,
    fieldErrors: appError.fieldErrors,
    values,
    retryAfter: appError.retryAfter,
    challenge: appError.challenge,
  };
}

/**
 * The one zod → field-errors converter (forms and the REST API): each issue keyed by its path,
 * Rails-style (`purpose`, `token[expires_at]`); an issue about the whole value is keyed `root`.
 */
export function zodFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  root = "form",
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length === 0 ? root : fieldName(issue.path);
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
