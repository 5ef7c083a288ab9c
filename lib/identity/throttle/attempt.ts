import "server-only";
import { db } from "../../platform/db.ts";
import { recordAudit, type AuditInput } from "../../audit/events.ts";
import { isDatabaseUnavailable } from "../../platform/db-unavailable.ts";
import { AppError } from "../../platform/errors.ts";
import { addToCounters, firstUse, pruneCountersSometimes, windowEnd, type Limit } from "./counters.ts";
import { ADDRESS_CHALLENGE_MESSAGE, challengeRequired, spendChallenge } from "./challenge.ts";
import { lastTryNotice } from "./last-try.ts";

/** Same body whatever tripped it: which limit was hit is nobody's business. */
export const THROTTLED_MESSAGE = "Too many incorrect attempts. Please wait before trying again.";

const throttled = (retryAfter: number) =>
  new AppError("rate_limited", THROTTLED_MESSAGE, { retryAfter: Math.max(1, Math.ceil(retryAfter)) });

export type Attempt = {
  /** The guess was wrong: it keeps its place in the counters. */
  fail(): void;
};

export type AttemptOptions = {
  /** A solved challenge (an ALTCHA payload), needed only while a budget of `limits` is spent. */
  challenge?: string | null;
  /** Who is attempting what, for the audit events of a lockout starting (once per counter and window). */
  audit?: Omit<AuditInput, "action" | "data">;
};

/** The part of a counter's key that names its kind (`guess:ip`, `signin:login`), never the login or address. */
const kindOf = (key: string) => key.split(":").slice(0, 2).join(":");

/**
 * Audits each counter that refuses (or, for a budget, starts asking for challenges) — once per
 * counter and window, so an attacker cannot flood the log: refused attempts give their place
 * back, so a counter sits at its limit and "crossing" it would repeat on every attempt.
 */
async function auditTrips(over: Limit[], now: number, opts: AttemptOptions) {
  if (!opts.audit) return;
  for (const l of over) {
    if (!(await firstUse(`audited:${l.key}`, new Date(windowEnd(l, now))))) continue;
    const data = { counter: kindOf(l.key), max: l.max, until: new Date(windowEnd(l, now)).toISOString() };
    const action = l.budget || l.challenge ? "throttle.challenge_started" : "throttle.locked_out";
    // Budgets are a school's, so the event goes to that school whatever the host was.
    const rootAccountId = l.budget ? Number(l.key.split(":").pop()) : opts.audit.rootAccountId;
    await recordAudit(db, { ...opts.audit, rootAccountId, action, data });
  }
}

/**
 * Runs one guess under `limits`. The attempt is counted *before* it is checked, one atomic
 * `INSERT … ON CONFLICT … count + 1 RETURNING count` per counter, so a burst of parallel guesses
 * cannot all slip under a limit; over a guesser's limit → 429 and nothing is tried. Over a shared
 * budget nobody is refused outright: the attempt needs a solved challenge (429 with one to solve
 * otherwise), and the guesser's own limits tighten, so new guessers — a parent with a right code
 * — still get in while a persistent one is stopped. Only failures count: unless `run` calls
 * `attempt.fail()`, the place is given back when it ends. If the counter store is down, the
 * attempt is refused (fails closed: a 503 when the database is briefly unreachable, else a 429).
 */
export async function throttledAttempt<T>(
  limits: Limit[],
  run: (attempt: Attempt) => Promise<T>,
  opts: AttemptOptions = {},
): Promise<T> {
  const now = Date.now();
  let counts: Map<string, number>;
  try {
    counts = await addToCounters(limits, now, 1);
  } catch (err) {
    // Nothing is tried either way; a database that is briefly down says so (503, try again soon)
    // rather than blaming the person's attempts.
    if (isDatabaseUnavailable(err)) throw err;
    console.error("[throttle] counter store unavailable; refusing", err);
    throw throttled(60);
  }
  const count = (l: Limit) => counts.get(l.key) ?? 0;
  const underAttack = limits.some((l) => l.budget && count(l) > l.max);
  const max = (l: Limit) => (underAttack && l.underAttackMax !== undefined ? l.underAttackMax : l.max);
  const over = limits.filter((l) => count(l) > max(l));
  // An address past its own limit is asked for a challenge, not refused (unless a budget is spent).
  const asks = (l: Limit) => l.budget || (l.challenge && !underAttack);
  const addressChallenge = !underAttack && over.some((l) => l.challenge);
  let retryAfter = 0;
  let slowMs = 0;
  for (const l of over) {
    const by = count(l) - max(l);
    if (l.slowdown)
      slowMs = Math.max(slowMs, Math.min(l.slowdown.maxMs, l.slowdown.baseMs * 2 ** Math.min(by - 1, 30)));
    else if (!asks(l)) retryAfter = Math.max(retryAfter, (windowEnd(l, now) - now) / 1000);
  }
  let failed = false;
  try {
    await auditTrips(
      over
        .filter((l) => !l.slowdown)
        .map((l) => ({ ...l, max: max(l), challenge: asks(l) ? l.challenge : undefined })),
      now,
      opts,
    ).catch((err) => console.error("[throttle] could not audit a lockout", err));
    if (retryAfter > 0) throw throttled(retryAfter);
    if (underAttack && !(await spendChallenge(opts.challenge))) throw await challengeRequired();
    if (addressChallenge && !(await spendChallenge(opts.challenge)))
      throw await challengeRequired(ADDRESS_CHALLENGE_MESSAGE);
    return await run({ fail: () => void (failed = true) });
  } catch (err) {
    throw failed
      ? lastTryNotice(
          err,
          limits.filter((l) => !asks(l) && !l.slowdown),
          max,
          count,
          now,
        )
      : err;
  } finally {
    if (!failed)
      await addToCounters(limits, now, -1).catch((err) =>
        console.error("[throttle] could not give an attempt back", err),
      );
    // Only a wrong guess waits: the slowdown costs a right password nothing.
    else if (slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
    await pruneCountersSometimes(now);
  }
}
