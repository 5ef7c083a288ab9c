import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { leadingZeroBits, sha256Words, solveChallenge } from "../../lib/identity/throttle/challenge-solve.ts";

const words = (hex: string) => Uint32Array.from(hex.match(/.{8}/g)!.map((w) => parseInt(w, 16)));

describe("the guessing challenge's proof of work", () => {
  it("hashes exactly as SHA-256 does, across block boundaries", () => {
    for (const len of [0, 1, 54, 55, 56, 63, 64, 65, 119, 120, 150]) {
      const text = randomBytes(len).toString("base64url").slice(0, len).padEnd(len, "x");
      expect(sha256Words(text)).toEqual(words(createHash("sha256").update(text).digest("hex")));
    }
  });

  it("finds a nonce whose hash starts with the asked number of zero bits", async () => {
    const solution = await solveChallenge({
      token: "t.1.abc.sig",
      difficulty: 12,
      algorithm: "sha256-leading-zero-bits",
    });
    expect(solution.startsWith("t.1.abc.sig:")).toBe(true);
    const digest = createHash("sha256").update(solution).digest("hex");
    expect(leadingZeroBits(words(digest))).toBeGreaterThanOrEqual(12);
  });
});
