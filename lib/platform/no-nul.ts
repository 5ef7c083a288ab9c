import { AppError } from "./errors.ts";

/**
 * PostgreSQL text cannot hold a NUL character: a parameter or path segment with one — as sent, or
 * once its percent-escapes are decoded (lib/platform/ids.ts) — is a 400 here rather than a failing query and
 * a 500 later (found by tests/adversarial/fuzz.test.ts).
 */
export function assertNoNul(value: unknown, name = "request"): void {
  if (typeof value === "string") {
    if (value.includes("\u0000"))
      throw new AppError("bad_request", `${name}: must not contain a NUL character.`);
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) assertNoNul(v, name === "request" ? k : `${name}[${k}]`);
}
