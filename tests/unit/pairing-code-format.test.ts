import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  digestCode,
  formatCode,
  generateCode,
  normalizeCode,
} from "../../lib/pairing-codes/format.ts";

describe("pairing code generation", () => {
  it("uses Crockford base32 without I, L, O, U", () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    for (const ch of "ILOU") expect(CODE_ALPHABET).not.toContain(ch);
  });

  it("draws 8 characters from the alphabet, spread across all of it", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = generateCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(code).toHaveLength(CODE_LENGTH);
      for (const ch of code) seen.add(ch);
    }
    expect(seen.size).toBe(32);
  });

  it("rarely repeats (CSPRNG, 40 bits)", () => {
    const codes = new Set(Array.from({ length: 5000 }, generateCode));
    expect(codes.size).toBe(5000);
  });

  it("is shown as XXXX-XXXX", () => {
    expect(formatCode("ABCD1234")).toBe("ABCD-1234");
  });
});

describe("normalising typed codes", () => {
  it.each([
    ["ABCD-1234", "ABCD1234"],
    ["abcd1234", "ABCD1234"],
    ["  abcd 1234 ", "ABCD1234"],
    ["ab cd-12 34", "ABCD1234"],
    ["ABCD–1234", "ABCD1234"], // en dash pasted from a document
    ["oooo-iiii", "00001111"],
    ["LLLL-llll", "11111111"],
  ])("%s → %s", (typed, expected) => {
    expect(normalizeCode(typed)).toBe(expected);
  });

  it.each(["", "ABC-123", "ABCD-12345", "ABCD-123U", "ABCD!234", "A".repeat(100)])("rejects %j", (typed) => {
    expect(normalizeCode(typed)).toBeNull();
  });

  it("digests with the key: same code and key → same digest, other key → other digest", () => {
    const a = digestCode("k".repeat(32), "ABCD1234");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(digestCode("k".repeat(32), "ABCD1234")).toBe(a);
    expect(digestCode("j".repeat(32), "ABCD1234")).not.toBe(a);
    expect(a).not.toContain("ABCD1234");
  });
});
