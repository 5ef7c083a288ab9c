// The wrong values the fuzzer puts everywhere: tricky strings, any unicode, numbers as text, and
// percent-escapes that do not decode.
import fc from "fast-check";

const RAW_ESCAPES = ["%", "%%", "%zz", "%C0%AF", "%ED%A0%80", "%00", "%FF%FE", "%2e%2e%2f", "%E2%80%AE"];
const TRICKY = [
  "",
  " ",
  "self",
  "sis_user_id:",
  "sis_login_id:x@y",
  "sis_user_id:%",
  "0",
  "-1",
  "1.5",
  "1e3",
  "0x10",
  "9999999999999999999999999",
  "2147483648",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "NaN",
  "../../etc/passwd",
  "\u202e\u2066evil",
  "\u0000",
  "'; DROP TABLE users; --",
  "<script>alert(1)</script>",
  "🦄".repeat(500),
  "a".repeat(6000),
];

/** A value of any wrong shape, as text. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(...TRICKY),
);

/** A URL component: percent-encoded junk, or a deliberately broken escape left raw. */
export const urlPart: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: junkText.map(encodeLoosely) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
  {
    weight: 1,
    arbitrary: fc.tuple(junkText, fc.constantFrom(...RAW_ESCAPES)).map(([a, b]) => encodeLoosely(a) + b),
  },
);

export function encodeLoosely(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    // A lone surrogate: its UTF-8-style bytes, which are not valid UTF-8.
    return Array.from(s, (ch) => (/[\w-]/.test(ch) ? ch : "%ED%A0%80")).join("");
  }
}
