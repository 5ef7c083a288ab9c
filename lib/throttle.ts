import "server-only";
// Throttling of pairing-code guesses (and observee-credential guesses).
//
// A code has 40 bits (2^40 ≈ 1.1e12 values). With A active codes in the whole system, one guess
// succeeds with probability A / 2^40. Failed attempts are counted in fixed windows, in Postgres
// (so every app instance shares them), per observer account, per client IP and globally:
//   observer: 10 failures / 15 min   → at most 960 guesses a day per account
//   IP:       30 failures / 15 min   → at most 2,880 a day per address
//   global: 2,000 failures / hour    → at most 48,000 a day in total
// Even with 500,000 active codes (100,000 students × the cap of 5), a full day of guessing at the
// global ceiling succeeds with probability 48,000 × 5e5 / 2^40 ≈ 2.2 %; a single IP (2,880 a day)
// stays under 0.15 % a day, and a typical district (10,000 active codes) under 0.05 % in total.
// A new code does not reset anything: the counters are keyed by who guesses, not by the code.
import { db } from "./db.ts";
import { AppError } from "./errors.ts";

export type Limit = { key: string; max: number; windowSeconds: number };

export const GUESS_LIMITS = {
  observer: { max: 10, windowSeconds: 15 * 60 },
  ip: { max: 30, windowSeconds: 15 * 60 },
  global: { max: 2000, windowSeconds: 60 * 60 },
} as const;

/** Same body whatever tripped it: which limit was hit is nobody's business. */
export const THROTTLED_MESSAGE = "Too many incorrect attempts. Please wait before trying again.";

export function guessLimits(who: { observerId?: number | null; ip?: string | null; login?: string | null }): Limit[] {
  const limits: Limit[] = [{ key: "guess:global", ...GUESS_LIMITS.global }];
  if (who.observerId) limits.push({ key: `guess:observer:${who.observerId}`, ...GUESS_LIMITS.observer });
  if (who.login) limits.push({ key: `guess:login:${who.login.toLowerCase()}`, ...GUESS_LIMITS.observer });
  if (who.ip) limits.push({ key: `guess:ip:${who.ip}`, ...GUESS_LIMITS.ip });
  return limits;
}

function windowStart(limit: Limit, now: number): Date {
  const ms = limit.windowSeconds * 1000;
  return new Date(Math.floor(now / ms) * ms);
}

const throttled = (retryAfter: number) => new AppError("rate_limited", THROTTLED_MESSAGE, { retryAfter: Math.max(1, Math.ceil(retryAfter)) });

/** Refuses (429) when any limit is used up for its current window. Fails closed if the store is down. */
export async function assertNotThrottled(limits: Limit[]): Promise<void> {
  const now = Date.now();
  let rows: { key: string; windowStart: Date; count: number }[];
  try {
    rows = await db.rateLimitCounter.findMany({
      where: { OR: limits.map((l) => ({ key: l.key, windowStart: windowStart(l, now) })) },
      select: { key: true, windowStart: true, count: true },
    });
  } catch (err) {
    console.error("[throttle] counter store unavailable; refusing", err);
    throw throttled(60);
  }
  let retryAfter = 0;
  for (const l of limits) {
    const row = rows.find((r) => r.key === l.key);
    if (row && row.count >= l.max) retryAfter = Math.max(retryAfter, (windowStart(l, now).getTime() + l.windowSeconds * 1000 - now) / 1000);
  }
  if (retryAfter > 0) throw throttled(retryAfter);
}

/** Counts one failure against every limit, atomically (INSERT … ON CONFLICT … count + 1). */
export async function recordFailure(limits: Limit[]): Promise<void> {
  const now = Date.now();
  try {
    for (const l of limits) {
      await db.$executeRaw`
        INSERT INTO rate_limit_counters (key, window_start, count) VALUES (${l.key}, ${windowStart(l, now)}, 1)
        ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1`;
    }
    // Old windows are useless; prune now and then rather than run a scheduler.
    if (Math.random() < 0.01) await db.$executeRaw`DELETE FROM rate_limit_counters WHERE window_start < ${new Date(now - 86_400_000)}`;
  } catch (err) {
    console.error("[throttle] could not record a failure", err);
    throw throttled(60);
  }
}

/** Password guessing at sign-in: per login and per client IP. */
export function signInLimits(who: { login: string; ip?: string | null }): Limit[] {
  const limits: Limit[] = [{ key: `signin:login:${who.login.toLowerCase()}`, max: 10, windowSeconds: 15 * 60 }];
  if (who.ip) limits.push({ key: `signin:ip:${who.ip}`, max: 50, windowSeconds: 15 * 60 });
  return limits;
}
