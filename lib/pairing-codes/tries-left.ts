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
export async function codeTriesLeft(actor: Actor): Promise<{ count: number; minutes: number } | null> {
  const status = await triesLeft(guessLimits({ observerId: actor.userId, ip: actor.ip }));
  if (!status || status.left > WARN_WHEN_TRIES_LEFT) return null;
  if (status.left === 0) return null; // the throttle's own message says to wait
  return { count: status.left, minutes: status.windowMinutes };
}

/** The warning in English (pages say it in the reader's language from codeTriesLeft). */
export async function codeTriesWarning(actor: Actor): Promise<string | null> {
  const status = await codeTriesLeft(actor);
  if (!status) return null;
  const tries = status.count === 1 ? "1 try" : `${status.count} tries`;
  return `${tries} left before a ${status.minutes}-minute wait. Check the code with your student.`;
}
