import { pbkdf2Sync } from "node:crypto";
import { createChallenge, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { describe, expect, it } from "vitest";
import { solveChallenge, type Challenge } from "../../lib/identity/throttle/challenge-solve.ts";

// The client's half of the guessing challenge, checked against altcha-lib's own server check and
// against the contract as the API documents it (the `challenge` parameter in /api/docs).
const secret = "test-signing-secret";
const challengeOf = (cost = 200) =>
  createChallenge({
    algorithm: "PBKDF2/SHA-256",
    cost,
    keyPrefix: "00",
    deriveKey,
    expiresAt: Math.floor(Date.now() / 1000) + 600,
    hmacSignatureSecret: secret,
  });

const decode = (payload: string) =>
  JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as {
    challenge: Challenge;
    solution: { counter: number; derivedKey: string };
  };

describe("the guessing challenge's proof of work (ALTCHA)", () => {
  it("answers with an ALTCHA payload that altcha-lib's server check accepts", async () => {
    const challenge = await challengeOf();
    const { challenge: sent, solution } = decode(await solveChallenge(challenge));
    expect(sent).toEqual(challenge);
    const result = await verifySolution({
      challenge: sent,
      solution,
      deriveKey,
      hmacSignatureSecret: secret,
    });
    expect(result).toMatchObject({ verified: true, expired: false });
    expect(
      (await verifySolution({ challenge: sent, solution, deriveKey, hmacSignatureSecret: "another" }))
        .verified,
    ).toBe(false);
  });

  it("derives the key exactly as the API documents it: PBKDF2-HMAC-SHA-256 of nonce + counter (uint32, big-endian), salt, cost", async () => {
    const challenge = await challengeOf();
    const { solution } = decode(await solveChallenge(challenge));
    const { nonce, salt, cost, keyLength, keyPrefix } = challenge.parameters;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(solution.counter);
    const password = Buffer.concat([Buffer.from(nonce, "hex"), counter]);
    const key = pbkdf2Sync(password, Buffer.from(salt, "hex"), cost, keyLength, "sha256").toString("hex");
    expect(solution.derivedKey).toBe(key);
    expect(key.startsWith(keyPrefix)).toBe(true);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(solveChallenge(await challengeOf(), controller)).rejects.toThrow();
  });
});
