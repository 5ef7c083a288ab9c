import { toAppError, type FieldErrors } from "./errors.ts";

/** What every form's server action returns (rendered by useActionState). */
export type ActionState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  /** Values to put back in the form after a failure (never passwords). */
  values?: Record<string, string>;
  retryAfter?: number;
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
  };
}

/** zod issues → field errors keyed by the first path segment. */
export function zodFieldErrors(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) (out[String(i.path[0] ?? "form")] ??= []).push(i.message);
  return out;
}
