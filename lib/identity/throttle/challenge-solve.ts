// The client's half of the guessing challenge (lib/identity/throttle/challenge.ts): an ALTCHA
// proof of work, solved with altcha-lib's solver on Web Crypto's PBKDF2 (native, off the main
// thread's hot loop), and answered with an ALTCHA payload — what the ALTCHA widget would submit.
// No server-only imports, so the code forms, the tests and any REST client do the same thing.
import { solveChallenge as solve, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";

export type { Challenge };

/** An ALTCHA payload is ≈ 700 characters; anything much longer is not one. */
export const CHALLENGE_PAYLOAD_MAX = 2_000;

/** An ALTCHA payload: base64 of the JSON `{ challenge, solution: { counter, derivedKey } }`. */
export function challengePayload(challenge: Challenge, solution: { counter: number; derivedKey: string }) {
  return btoa(JSON.stringify({ challenge, solution }));
}

/** Solves a challenge (≈ 256 keys derived, under a second in a browser) and returns the payload to send back. */
export async function solveChallenge(challenge: Challenge, controller?: AbortController): Promise<string> {
  // No timeout: the work is random but short, and giving up would strand the person mid-submit.
  const solution = await solve({ challenge, deriveKey, controller, timeout: 0 });
  if (!solution) throw new Error("The challenge was not solved.");
  return challengePayload(challenge, { counter: solution.counter, derivedKey: solution.derivedKey });
}
