import "server-only";
import { ReleasingPrismaPg } from "./db-adapter.ts";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool };

function createPool(): pg.Pool {
  // No connection is made here: `next build` imports this module with no database around.
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  pool.on("error", () => {}); // an idle client's lost connection is replaced on next use
  return pool;
}

/**
 * The connection pool under the PrismaClient, for the few reads every API request makes (token
 * lookup, listing observees/observers). There Prisma's own per-query CPU cost — 1.4–3 ms against
 * 0.3 ms for the same SQL through pg, measured in-process — was most of the request's cost.
 * Everything else, and every write, goes through `db`.
 */
export const pool: pg.Pool = globalForDb.pool ?? createPool();

/**
 * The one PrismaClient of this process. A transaction waits up to 15 s for a pooled connection
 * (Prisma's default is 2 s): a burst of requests queued for the pool, then failed with 500s after
 * 2 s (found by tests/adversarial/races.test.ts, and by
 * the several-instances check: 73 of 300 racing redemptions through two loaded instances). Connections come back even when a
 * transaction's COMMIT or ROLLBACK fails (lib/platform/db-adapter.ts).
 */
export const db: PrismaClient =
  globalForDb.prisma ??
  new PrismaClient({
    adapter: new ReleasingPrismaPg(pool),
    transactionOptions: { maxWait: 15_000, timeout: 20_000 },
  });
if (process.env.NODE_ENV !== "production") Object.assign(globalForDb, { prisma: db, pool });
