import "server-only";
// Challenges for new guessers while a school's budget is spent: a signed, expiring, single-use
// token and a proof of work (lib/identity/throttle/challenge-solve.ts) on it. Nothing is stored until a solution is
// spent, so handing out challenges costs nothing; spending one takes a counter row.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "../../platform/env.ts";
import { AppError } from "../../platform/errors.ts";
import { CHALLENGE_ALGORITHM, leadingZeroBits, sha256Words, type Challenge } from "./challenge-solve.ts";
import { firstUse } from "./counters.ts";

/** 2^18 ≈ 262,000 SHA-256 hashes on average: a fraction of a second in a laptop's browser, about one on a phone. */
export const CHALLENGE_DIFFICULTY = 18;
export const CHALLENGE_TTL_SECONDS = 10 * 60;

export const CHALLENGE_MESSAGE =
  "Many wrong codes have been tried at this school recently, so your browser must do a short check before the code is tried. Please wait a moment.";

const mac = (body: string) =>
  createHmac("sha256", `challenge:${env().PAIRING_CODE_KEY}`).update(body).digest("base64url").slice(0, 22);

export function issueChallenge(now = Date.now()): Challenge {
  const expires = Math.floor(now / 1000) + CHALLENGE_TTL_SECONDS;
  const body = `${CHALLENGE_DIFFICULTY}.${expires}.${randomBytes(12).toString("base64url")}`;
  return { token: `${body}.${mac(body)}`, difficulty: CHALLENGE_DIFFICULTY, algorithm: CHALLENGE_ALGORITHM };
}

export const challengeRequired = () =>
  new AppError("rate_limited", CHALLENGE_MESSAGE, { challenge: issueChallenge() });

/** True when `solution` ("<token>:<nonce>") is ours, unexpired, solved and spent here for the first time. */
export async function spendChallenge(
  solution: string | null | undefined,
  now = Date.now(),
): Promise<boolean> {
  if (!solution || solution.length > 200) return false;
  const [token, nonce] = solution.split(":");
  if (!token || nonce === undefined) return false;
  const parts = token.split(".");
  if (parts.length !== 4) return false;
  const [difficulty, expires, id, sig] = parts;
  const expected = Buffer.from(mac(parts.slice(0, 3).join(".")));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  if (Number(expires) * 1000 <= now || Number(difficulty) < CHALLENGE_DIFFICULTY) return false;
  if (leadingZeroBits(sha256Words(solution)) < Number(difficulty)) return false;
  return firstUse(`challenge:${id}`, new Date(Number(expires) * 1000));
}
