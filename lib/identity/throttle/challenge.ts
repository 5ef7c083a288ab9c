import "server-only";
// Challenges for new guessers while a school's budget is spent: ALTCHA's proof of work
// (altcha-lib), signed under a key derived from PAIRING_CODE_KEY and expiring, solved in the
// browser by lib/identity/throttle/challenge-solve.ts. Nothing is stored until a solution is
// spent, so handing out challenges costs one HMAC; spending one takes a counter row, so each
// solution is good once.
import { hkdfSync } from "node:crypto";
import { createChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { z } from "zod";
import { env } from "../../platform/env.ts";
import { AppError } from "../../platform/errors.ts";
import { CHALLENGE_PAYLOAD_MAX } from "./challenge-solve.ts";
import { firstUse } from "./counters.ts";

export const CHALLENGE_ALGORITHM = "PBKDF2/SHA-256";
/**
 * PBKDF2 rounds per key tried; with a one-byte key prefix a solver tries 256 keys on average:
 * ≈ 0.5 million rounds, a fraction of a second in a laptop's browser, about one on a phone.
 */
export const CHALLENGE_COST = 2_000;
const KEY_PREFIX = "00";
export const CHALLENGE_TTL_SECONDS = 10 * 60;

export const CHALLENGE_MESSAGE =
  "Many wrong codes have been tried at this school recently, so your browser must do a short check before the code is tried. Please wait a moment.";

// Its own key, derived from the code key, so a challenge signature can never pass for a code digest.
const hmacSecret = () =>
  Buffer.from(hkdfSync("sha256", env().PAIRING_CODE_KEY, "", "altcha-challenge", 32)).toString("hex");

export async function issueChallenge(now = Date.now()): Promise<Challenge> {
  return createChallenge({
    algorithm: CHALLENGE_ALGORITHM,
    cost: CHALLENGE_COST,
    keyPrefix: KEY_PREFIX,
    deriveKey,
    expiresAt: Math.floor(now / 1000) + CHALLENGE_TTL_SECONDS,
    hmacSignatureSecret: hmacSecret(),
  });
}

/** Asked of an address past its own limit (one network, many families: never refused outright). */
export const ADDRESS_CHALLENGE_MESSAGE =
  "Many wrong codes have been tried from your network recently, so your browser must do a short check before the code is tried. Please wait a moment.";

export const challengeRequired = async (message = CHALLENGE_MESSAGE) =>
  new AppError("rate_limited", message, { challenge: await issueChallenge() });

// Only what the checks below read; the rest is passed on as sent, since the signature covers it.
const payloadSchema = z.object({
  challenge: z.looseObject({
    parameters: z.looseObject({
      algorithm: z.literal(CHALLENGE_ALGORITHM),
      cost: z.number().int().min(CHALLENGE_COST),
      keyLength: z.number().int().positive(),
      keyPrefix: z.string().min(KEY_PREFIX.length),
      nonce: z.string().regex(/^[0-9a-f]{32}$/),
      salt: z.string().regex(/^[0-9a-f]{32}$/),
      expiresAt: z.number().int().positive(),
    }),
    signature: z.string(),
  }),
  solution: z.looseObject({ counter: z.number().int().nonnegative(), derivedKey: z.string() }),
});

function readPayload(payload: string) {
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
    return payloadSchema.safeParse(json).success ? (json as z.infer<typeof payloadSchema>) : null;
  } catch {
    return null;
  }
}

/** True when `payload` (an ALTCHA payload) solves a challenge of ours, unexpired, spent here for the first time. */
export async function spendChallenge(payload: string | null | undefined): Promise<boolean> {
  if (!payload || payload.length > CHALLENGE_PAYLOAD_MAX) return false;
  const parsed = readPayload(payload);
  if (!parsed) return false;
  const { challenge, solution } = parsed;
  const result = await verifySolution({
    challenge: challenge as Challenge,
    solution,
    deriveKey,
    hmacSignatureSecret: hmacSecret(),
  }).catch(() => null);
  if (!result?.verified) return false;
  // Recorded only once verified: a wrong answer does not use the challenge up.
  const { nonce, expiresAt } = challenge.parameters;
  return firstUse(`challenge:${nonce}`, new Date(expiresAt * 1000));
}
