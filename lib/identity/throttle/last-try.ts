import "server-only";
// The failure that spends a guesser's last try says so, and until when: otherwise the next attempt
// (perhaps with the right code, checked with the student meanwhile) is the first to hear of a wait.
import { AppError } from "../../platform/errors.ts";
import { windowEnd, type Limit } from "./counters.ts";

/** The words added to the failure that used up `limit`'s tries. */
export function noTriesLeftWords(limit: Limit, now: number): string {
  const until = windowEnd(limit, now);
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  const at = new Date(until).toISOString().slice(11, 16);
  return `No tries are left until ${at} UTC (in ${minutes} ${minutes === 1 ? "minute" : "minutes"}).`;
}

/**
 * `err` (a failed attempt's error) with the no-tries-left notice when this failure brought one of
 * the refusing limits to its maximum; else `err` unchanged.
 */
export function lastTryNotice(
  err: unknown,
  refusing: Limit[],
  max: (l: Limit) => number,
  count: (l: Limit) => number,
  now: number,
): unknown {
  const spent = refusing
    .filter((l) => count(l) === max(l))
    .sort((a, b) => windowEnd(b, now) - windowEnd(a, now))[0];
  if (!spent || !(err instanceof AppError)) return err;
  const notice = noTriesLeftWords(spent, now);
  const fieldErrors = err.fieldErrors
    ? Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [k, v.map((m) => `${m} ${notice}`)]))
    : undefined;
  return new AppError(err.code, `${err.message} ${notice}`, {
    fieldErrors,
    retryAfter: err.retryAfter,
    challenge: err.challenge,
  });
}
