// Pure rules of the pairing-code format (no I/O): generation, display and normalisation.
import { createHmac, randomInt } from "node:crypto";

/** Crockford base32: digits and letters without I, L, O, U. */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 8; // 8 × 5 bits = 40 bits of entropy

/** A new random code (CSPRNG), undecorated: 8 characters of the alphabet. */
export function generateCode(): string {
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** `ABCD1234` → `ABCD-1234`, the way people see and type it. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed → the canonical code, or null when it cannot be one.
 * Case-insensitive; hyphens and white space ignored; O→0 and I/L→1 as Crockford prescribes,
 * because families confuse them when reading a code aloud or off paper.
 */
export function normalizeCode(input: string): string | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const s = input
    .toUpperCase()
    .replace(/[\s\-‐-―_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** Only this digest is stored: HMAC-SHA256 under the server's key, hex. */
export function digestCode(key: string, normalized: string): string {
  return createHmac("sha256", key).update(normalized).digest("hex");
}
