import "server-only";
import type { Actor } from "../accounts/actor.ts";
import { guessLimits, triesLeft } from "../identity/throttle/index.ts";

/** From this many tries left, a parent entering codes is warned before the wait. */
export const WARN_WHEN_TRIES_LEFT = 3;

/**
 * The warning shown on the Observing page when a few wrong codes have been tried ("2 tries left
 * before a 15-minute wait"), or null. Read from the same limits redeemPairingCode spends, so the
 * numbers follow whatever the throttle says.
 */
export async function codeTriesWarning(actor: Actor): Promise<string | null> {
  const status = await triesLeft(guessLimits({ observerId: actor.userId, ip: actor.ip }));
  if (!status || status.left > WARN_WHEN_TRIES_LEFT) return null;
  if (status.left === 0) return null; // the throttle's own message says to wait
  const tries = status.left === 1 ? "1 try" : `${status.left} tries`;
  return `${tries} left before a ${status.windowMinutes}-minute wait. Check the code with your student.`;
}
