// How many worker processes `npm start` serves with, and each one's database pool. One rule, used
// by scripts/serve.mjs and printed by the benchmarks.

/** Database connections the whole server aims for when DATABASE_POOL_SIZE does not say. */
const TOTAL_CONNECTIONS = 20;
const MAX_WORKERS = 64;

/**
 * WEB_CONCURRENCY (a whole number from 1 to 64) or one worker per core; each worker's pool is
 * DATABASE_POOL_SIZE when set, else about 20 connections shared out, at least 4 each (PostgreSQL's
 * default max_connections is 100: 2 cores → 10 each, 8 cores → 4 each).
 */
export function servingPlan(env, cores) {
  let workers = Math.max(1, Math.min(cores, MAX_WORKERS));
  const wanted = env.WEB_CONCURRENCY?.trim();
  if (wanted) {
    if (!/^\d+$/.test(wanted) || Number(wanted) < 1 || Number(wanted) > MAX_WORKERS)
      throw new Error(
        `WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WORKERS} (got "${env.WEB_CONCURRENCY}"): the number of server processes, one per core by default.`,
      );
    workers = Number(wanted);
  }
  const poolSize = env.DATABASE_POOL_SIZE
    ? Number(env.DATABASE_POOL_SIZE)
    : Math.max(4, Math.ceil(TOTAL_CONNECTIONS / workers));
  return { workers, poolSize };
}
