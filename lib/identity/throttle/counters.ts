import "server-only";
// The counters behind every throttle: fixed windows in PostgreSQL, so every app instance shares them.
import { db } from "../../platform/db.ts";

export type Limit = {
  key: string;
  max: number;
  windowSeconds: number;
  /** Past `max`, each further failure is answered more slowly instead of refused. */
  slowdown?: { baseMs: number; maxMs: number };
  /**
   * A shared budget (a school's): never refuses anyone. Past it every attempt needs a solved
   * challenge, and each guesser's own limits drop to their `underAttackMax`.
   */
  budget?: true;
  /** This guesser's limit while a budget of the same attempt is spent. */
  underAttackMax?: number;
  /**
   * Past `max` (while no budget is spent), each attempt needs a solved challenge instead of being
   * refused: many families share one address (a school's Wi-Fi), so an address is never locked out.
   */
  challenge?: true;
};

export function windowStart(limit: Pick<Limit, "windowSeconds">, now: number): Date {
  const ms = limit.windowSeconds * 1000;
  return new Date(Math.floor(now / ms) * ms);
}

export const windowEnd = (limit: Pick<Limit, "windowSeconds">, now: number): number =>
  windowStart(limit, now).getTime() + limit.windowSeconds * 1000;

/** Adds `delta` to every limit's counter for its current window, in one statement; returns the new counts. */
export async function addToCounters(
  limits: Limit[],
  now: number,
  delta: 1 | -1,
): Promise<Map<string, number>> {
  if (limits.length === 0) return new Map();
  // Rows locked in one order (by key) by every caller, so concurrent attempts cannot deadlock.
  const sorted = [...limits].sort((a, b) => (a.key < b.key ? -1 : 1));
  const keys = sorted.map((l) => l.key);
  // Timestamps are stored as UTC without a zone: the ISO strings' Z is dropped by the cast, as intended.
  const starts = sorted.map((l) => windowStart(l, now).toISOString());
  // Giving a place back deletes a row it leaves at 0: a refused attempt (which gives its place
  // back) then leaves no row behind, however many fresh emails or logins it names.
  const rows =
    delta === 1
      ? await db.$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO rate_limit_counters (key, window_start, count)
    SELECT k, w, 1 FROM unnest(${keys}::text[], ${starts}::timestamp(3)[]) AS t(k, w)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
    RETURNING key, count`
      : await db.$queryRaw<{ key: string; count: number }[]>`
    WITH mine AS (
      SELECT c.key, c.window_start, c.count
        FROM rate_limit_counters c JOIN unnest(${keys}::text[], ${starts}::timestamp(3)[]) AS t(k, w)
          ON c.key = t.k AND c.window_start = t.w
       ORDER BY c.key FOR UPDATE OF c),
    gone AS (
      DELETE FROM rate_limit_counters c USING mine
       WHERE c.key = mine.key AND c.window_start = mine.window_start AND mine.count <= 1
      RETURNING c.key)
    UPDATE rate_limit_counters c SET count = c.count - 1 FROM mine
     WHERE c.key = mine.key AND c.window_start = mine.window_start AND mine.count > 1
    RETURNING c.key, c.count`;
  return new Map(rows.map((r) => [r.key, r.count]));
}

/** Counts one use of `key` in a window ending at `until`; true only for the first use. */
export async function firstUse(key: string, until: Date): Promise<boolean> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_counters (key, window_start, count) VALUES (${key}, ${until}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
    RETURNING count`;
  return rows[0]?.count === 1;
}

/** Old windows are useless; prune now and then rather than run a scheduler. */
export async function pruneCountersSometimes(now: number): Promise<void> {
  if (Math.random() < 0.01)
    await db.$executeRaw`DELETE FROM rate_limit_counters WHERE window_start < ${new Date(now - 86_400_000)}`.catch(
      () => {},
    );
}
