import "server-only";
// How many failures are left before a limit refuses: the warning before the lockout.
import { db } from "../../platform/db.ts";
import { windowStart, type Limit } from "./counters.ts";

/**
 * Of `limits` that refuse (not those that only slow down, nor a school's budget), the one closest
 * to refusing: how many more failures it allows in its current window, and how long that window
 * is (a spent budget lowers each guesser's limit, as in attempt.ts). Null when none refuses.
 */
export async function triesLeft(limits: Limit[]): Promise<{ left: number; windowMinutes: number } | null> {
  const hard = limits.filter((l) => !l.slowdown && !l.budget);
  if (hard.length === 0) return null;
  const now = Date.now();
  const rows = await db.rateLimitCounter.findMany({
    where: { OR: limits.map((l) => ({ key: l.key, windowStart: windowStart(l, now) })) },
    select: { key: true, count: true },
  });
  const counts = new Map(rows.map((r) => [r.key, r.count]));
  const count = (l: Limit) => counts.get(l.key) ?? 0;
  const underAttack = limits.some((l) => l.budget && count(l) >= l.max);
  let tightest: { left: number; windowMinutes: number } | null = null;
  for (const l of hard) {
    const max = underAttack && l.underAttackMax !== undefined ? l.underAttackMax : l.max;
    const left = Math.max(0, max - count(l));
    if (!tightest || left < tightest.left)
      tightest = { left, windowMinutes: Math.round(l.windowSeconds / 60) };
  }
  return tightest;
}
