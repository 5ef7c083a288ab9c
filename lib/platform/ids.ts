import { z } from "zod";
import { assertNoNul } from "./no-nul.ts";

// Record ids are PostgreSQL `integer`s. A longer number in a path or parameter names no record —
// and must not reach a query, where it would be an out-of-range error (a 500), not a 404.
export const MAX_ID = 2_147_483_647;

/** A record id typed as text (a path segment, a parameter), or null when it cannot name a record. */
export function parseId(raw: string): number | null {
  if (!/^\d{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_ID ? n : null;
}

/**
 * A record id from a form field (server actions), with the API's bound: digits naming a record,
 * else `message`. The one id parser for forms, so "99999999999" is "does not exist", not a 500.
 */
export function formId(message = "That record does not exist.") {
  return z.preprocess(
    (v) => (typeof v === "number" ? String(v) : v),
    z.string({ error: message }).transform((raw, ctx) => {
      const id = parseId(raw.trim());
      if (id === null) ctx.addIssue({ code: "custom", message });
      return id ?? 0;
    }),
  );
}

/** formId for an optional field: missing or empty is undefined. */
export const optionalFormId = (message?: string) =>
  z.preprocess((v) => (v === null || v === "" ? undefined : v), formId(message).optional());

/**
 * A path segment as the client meant it: Next hands some segments over still percent-encoded
 * (`sis_login_id:a%40b`); a malformed escape (`100%`) is kept as typed rather than throwing.
 * A NUL it decodes to (`%00`) is a 400, as one sent as is (lib/platform/no-nul.ts).
 */
export function decodeSegment(value: unknown): string {
  const raw = String(value ?? "");
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw).trim();
  } catch {
    decoded = raw.trim();
  }
  assertNoNul(decoded, "path");
  return decoded;
}
