// The server's half of the guessing challenge (lib/identity/throttle/challenge.ts): what it hands
// out, and which answers it takes — each solved challenge once, only ours, only unexpired.
import { createChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { describe, expect, it } from "vitest";
import {
  CHALLENGE_ALGORITHM,
  CHALLENGE_COST,
  CHALLENGE_TTL_SECONDS,
  issueChallenge,
  spendChallenge,
} from "../../lib/identity/throttle/challenge.ts";
import {
  CHALLENGE_PAYLOAD_MAX,
  challengePayload,
  solveChallenge,
} from "../../lib/identity/throttle/challenge-solve.ts";

describe("guessing challenges", () => {
  it("hands out a signed, expiring ALTCHA challenge", async () => {
    const now = Date.now();
    const challenge = await issueChallenge(now);
    expect(challenge.parameters).toMatchObject({
      algorithm: CHALLENGE_ALGORITHM,
      cost: CHALLENGE_COST,
      keyPrefix: "00",
      expiresAt: Math.floor(now / 1000) + CHALLENGE_TTL_SECONDS,
    });
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect((await issueChallenge(now)).parameters.nonce).not.toBe(challenge.parameters.nonce);
  });

  it("takes a solution once, also when the same one is sent twice at the same moment", async () => {
    const solved = await solveChallenge(await issueChallenge());
    expect(await spendChallenge(solved)).toBe(true);
    expect(await spendChallenge(solved)).toBe(false);
    const racing = await solveChallenge(await issueChallenge());
    const spent = await Promise.all([spendChallenge(racing), spendChallenge(racing), spendChallenge(racing)]);
    expect(spent.filter(Boolean)).toHaveLength(1);
  });

  it("refuses a wrong answer without using the challenge up", async () => {
    const challenge = await issueChallenge();
    expect(
      await spendChallenge(challengePayload(challenge, { counter: 0, derivedKey: "ab".repeat(32) })),
    ).toBe(false);
    expect(await spendChallenge(await solveChallenge(challenge))).toBe(true);
  });

  it("refuses an expired challenge, an easier one, and one signed by someone else", async () => {
    const expired = await issueChallenge(Date.now() - (CHALLENGE_TTL_SECONDS + 60) * 1000);
    expect(await spendChallenge(await solveChallenge(expired))).toBe(false);

    const ours = await issueChallenge();
    const easier = { ...ours, parameters: { ...ours.parameters, cost: 1 } };
    expect(await spendChallenge(await solveChallenge(easier))).toBe(false);

    const foreign = await createChallenge({
      algorithm: CHALLENGE_ALGORITHM,
      cost: CHALLENGE_COST,
      deriveKey,
      expiresAt: Math.floor(Date.now() / 1000) + 60,
      hmacSignatureSecret: "somebody-else",
    });
    expect(await spendChallenge(await solveChallenge(foreign))).toBe(false);
  });

  it("refuses what is not an ALTCHA payload", async () => {
    for (const junk of [
      null,
      "",
      "token.1.abc.sig:0",
      Buffer.from("{}").toString("base64"),
      Buffer.from('{"challenge":1,"solution":2}').toString("base64"),
      "A".repeat(CHALLENGE_PAYLOAD_MAX + 1),
    ])
      expect(await spendChallenge(junk)).toBe(false);
  });
});
