import "server-only";
// Throttling of pairing-code guesses (and observee-credential guesses); sign-in's limits at the end.
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

/**
 * Past `max` failures in the window an attempt is refused (429) until the window ends — or, for a
 * limit with `slowdown`, never refused: each further failure is answered more slowly instead.
 */
export type Limit = {
  key: string;
  max: number;
  windowSeconds: number;
  slowdown?: { baseMs: number; maxMs: number };
};

export const GUESS_LIMITS = {
  observer: { max: 10, windowSeconds: 15 * 60 },
  ip: { max: 30, windowSeconds: 15 * 60 },
  global: { max: 2000, windowSeconds: 60 * 60 },
} as const;

/** Same body whatever tripped it: which limit was hit is nobody's business. */
export const THROTTLED_MESSAGE = "Too many incorrect attempts. Please wait before trying again.";

export function guessLimits(who: {
  observerId?: number | null;
  ip?: string | null;
  login?: string | null;
}): Limit[] {
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

const throttled = (retryAfter: number) =>
  new AppError("rate_limited", THROTTLED_MESSAGE, { retryAfter: Math.max(1, Math.ceil(retryAfter)) });

/** Adds `delta` to every limit's counter for its current window, in one statement; returns the new counts. */
async function addToCounters(limits: Limit[], now: number, delta: 1 | -1): Promise<Map<string, number>> {
  // Rows locked in one order (by key) by every caller, so concurrent attempts cannot deadlock.
  const sorted = [...limits].sort((a, b) => (a.key < b.key ? -1 : 1));
  const keys = sorted.map((l) => l.key);
  // Timestamps are stored as UTC without a zone: the ISO strings' Z is dropped by the cast, as intended.
  const starts = sorted.map((l) => windowStart(l, now).toISOString());
  const rows = await db.$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO rate_limit_counters (key, window_start, count)
    SELECT k, w, ${Math.max(0, delta)}::int FROM unnest(${keys}::text[], ${starts}::timestamp(3)[]) AS t(k, w)
    ON CONFLICT (key, window_start) DO UPDATE SET count = GREATEST(0, rate_limit_counters.count + ${delta}::int)
    RETURNING key, count`;
  return new Map(rows.map((r) => [r.key, r.count]));
}

export type Attempt = {
  /** The guess was wrong: it keeps its place in the counters. */
  fail(): void;
};

/**
 * Runs one guess under `limits`. The attempt is counted *before* it is checked, one atomic
 * `INSERT … ON CONFLICT … count + 1 RETURNING count` per counter, so a burst of parallel guesses
 * cannot all slip under a limit; over a limit → 429 and nothing is tried. Only failures count:
 * unless `run` calls `attempt.fail()`, the place is given back when it ends (success, or an error
 * that is not a wrong guess). If the counter store is down, the attempt is refused (fails closed).
 */
export async function throttledAttempt<T>(
  limits: Limit[],
  run: (attempt: Attempt) => Promise<T>,
): Promise<T> {
  const now = Date.now();
  let counts: Map<string, number>;
  try {
    counts = await addToCounters(limits, now, 1);
  } catch (err) {
    console.error("[throttle] counter store unavailable; refusing", err);
    throw throttled(60);
  }
  let retryAfter = 0;
  let slowMs = 0;
  for (const l of limits) {
    const over = (counts.get(l.key) ?? 0) - l.max;
    if (over > 0 && l.slowdown)
      slowMs = Math.max(slowMs, Math.min(l.slowdown.maxMs, l.slowdown.baseMs * 2 ** Math.min(over - 1, 30)));
    else if (over > 0)
      retryAfter = Math.max(
        retryAfter,
        (windowStart(l, now).getTime() + l.windowSeconds * 1000 - now) / 1000,
      );
  }
  let failed = false;
  try {
    if (retryAfter > 0) throw throttled(retryAfter);
    return await run({ fail: () => void (failed = true) });
  } finally {
    if (!failed)
      await addToCounters(limits, now, -1).catch((err) =>
        console.error("[throttle] could not give an attempt back", err),
      );
    // Only a wrong guess waits: the slowdown costs a right password nothing.
    else if (slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
    // Old windows are useless; prune now and then rather than run a scheduler.
    if (Math.random() < 0.01)
      await db.$executeRaw`DELETE FROM rate_limit_counters WHERE window_start < ${new Date(now - 86_400_000)}`.catch(
        () => {},
      );
  }
}

/**
 * Password guessing at sign-in (and with observee credentials, which spend the same budgets).
 * A per-login lockout would let anyone lock an admin out with 10 wrong passwords, so the hard
 * limits are per address: one login from one address (the owner's own budget: nobody else's
 * failures touch it) and one address whatever logins it tries (a sweep of random logins, each
 * costing an Argon2 hash, stops there). The login's own counter over every address only slows its
 * failures down (100 ms, doubling, up to 2 s each). Without a client address (no
 * TRUSTED_PROXY_HEADER) nobody can be told apart, so the (login, address) budget becomes the
 * login's: a lockout again, but no unlimited guessing.
 */
export const SIGN_IN_LIMITS = {
  loginAtIp: { max: 10, windowSeconds: 15 * 60 },
  ip: { max: 50, windowSeconds: 15 * 60 },
  login: { max: 10, windowSeconds: 15 * 60, slowdown: { baseMs: 100, maxMs: 2000 } },
} as const;

export function signInLimits(who: { login: string; ip?: string | null }): Limit[] {
  const login = who.login.trim().toLowerCase();
  const limits: Limit[] = [
    { key: `signin:login-ip:${login}|${who.ip ?? "unknown"}`, ...SIGN_IN_LIMITS.loginAtIp },
    { key: `signin:login:${login}`, ...SIGN_IN_LIMITS.login },
  ];
  if (who.ip) limits.push({ key: `signin:ip:${who.ip}`, ...SIGN_IN_LIMITS.ip });
  return limits;
}

// --- family: how many failures are left before a limit refuses (a warning before the lockout)

/**
 * Of `limits` that refuse (not those that only slow down), the one closest to refusing: how many
 * more failures it allows in its current window, and how long that window is. Null when none.
 */
export async function triesLeft(limits: Limit[]): Promise<{ left: number; windowMinutes: number } | null> {
  const hard = limits.filter((l) => !l.slowdown);
  if (hard.length === 0) return null;
  const now = Date.now();
  const rows = await db.rateLimitCounter.findMany({
    where: { OR: hard.map((l) => ({ key: l.key, windowStart: windowStart(l, now) })) },
    select: { key: true, count: true },
  });
  const counts = new Map(rows.map((r) => [r.key, r.count]));
  let tightest: { left: number; windowMinutes: number } | null = null;
  for (const l of hard) {
    const left = Math.max(0, l.max - (counts.get(l.key) ?? 0));
    if (!tightest || left < tightest.left)
      tightest = { left, windowMinutes: Math.round(l.windowSeconds / 60) };
  }
  return tightest;
}
// --- end family
