// Which counters an attempt spends. The numbers and why: docs/security.md "Throttling of code guesses".
//
// A code has 40 bits (2^40 ≈ 1.1e12 values). With A active codes a guess can reach, one guess
// succeeds with probability A / 2^40. Failed attempts are counted per guesser — observer account
// (or the email being registered) and client address (IPv6 by /64, see lib/platform/client-ip.ts) — and per
// school (the schools whose codes the guess could reach):
//   observer or email: 10 failures / 15 min → refused; 3 while the school's budget is spent
//   address:           30 failures / 15 min → refused; 3 while the school's budget is spent
//   school:           500 failures / hour   → nobody refused; past it each attempt needs a proof
//                                             of work (lib/identity/throttle/challenge.ts)
// So guesses nobody pays for are at most 12,000 a day per school: with 10,000 active codes that
// is 12,000 × 1e4 / 2^40 ≈ 0.011 % a day, and one address (≤ 2,880 a day, ≤ 288 while a budget
// is spent) stays under 0.003 %. Past the budget each guess costs its sender an ALTCHA proof of
// work, and families still get in with one. A new code resets nothing: counters are keyed by who guesses.
import type { Limit } from "./counters.ts";

export const GUESS_LIMITS = {
  observer: { max: 10, windowSeconds: 15 * 60, underAttackMax: 3 },
  ip: { max: 30, windowSeconds: 15 * 60, underAttackMax: 3, challenge: true },
  school: { max: 500, windowSeconds: 60 * 60, budget: true },
} as const satisfies Record<string, Omit<Limit, "key">>;

export function guessLimits(who: {
  observerId?: number | null;
  ip?: string | null;
  login?: string | null;
  /** The root accounts whose codes this guess could redeem (none for unguessable secrets). */
  schools?: readonly number[];
}): Limit[] {
  const limits: Limit[] = (who.schools ?? []).map((id) => ({
    key: `guess:school:${id}`,
    ...GUESS_LIMITS.school,
  }));
  if (who.observerId) limits.push({ key: `guess:observer:${who.observerId}`, ...GUESS_LIMITS.observer });
  // An email being registered counts per address, as sign-in does: a stranger's wrong codes naming
  // a parent's email elsewhere must not keep the parent out.
  if (who.login)
    limits.push({
      key: `guess:login:${who.login.toLowerCase()}|${who.ip ?? "unknown"}`,
      ...GUESS_LIMITS.observer,
    });
  if (who.ip) limits.push({ key: `guess:ip:${who.ip}`, ...GUESS_LIMITS.ip });
  return limits;
}

/**
 * Password guessing at sign-in (and with observee credentials, which spend the same budgets).
 * A per-login lockout would let anyone lock an admin out with 10 wrong passwords, so the hard
 * limits are per address: one login from one address (the owner's own budget: nobody else's
 * failures touch it) and one address whatever logins it tries (a sweep of random logins, each
 * costing an Argon2 hash, stops there). The login's own counter over every address only slows its
 * failures down (100 ms, doubling, up to 2 s each). Without a client address nobody can be told
 * apart, so the (login, address) budget becomes the login's: a lockout again, but no unlimited
 * guessing.
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
