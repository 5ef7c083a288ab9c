// lib/platform/db-adapter.ts patches private internals of Prisma's pg adapter. This file fails when
// that patch needs a fresh look: another Prisma version installed, the patched internals gone, the
// patch no longer working, or the leak it works around fixed upstream (then the patch can go).
import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PATCHED_FOR, ReleasingPrismaPg } from "../../lib/platform/db-adapter.ts";
import { PrismaClient } from "../../lib/platform/generated/prisma/client.ts";

const installed = (name: string): string =>
  JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), "utf8"))
    .version;

const onePool = () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  pool.on("error", () => {});
  return pool;
};

/** A transaction whose backend is terminated before its COMMIT, so the COMMIT fails. */
async function commitOnADeadConnection(prisma: PrismaClient) {
  const killer = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await killer.connect();
  try {
    await prisma.$transaction(async (tx) => {
      const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      await killer.query("SELECT pg_terminate_backend($1)", [pid]);
    });
    throw new Error("expected the COMMIT to fail");
  } catch (err) {
    if (err instanceof Error && err.message === "expected the COMMIT to fail") throw err;
  } finally {
    await killer.end();
  }
}

/** Whether a query still gets a connection from the (one-connection) pool within `ms`. */
const answersWithin = (prisma: PrismaClient, ms: number) =>
  Promise.race([
    prisma.$queryRaw`SELECT 1`.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

describe("the db-adapter patch (lib/platform/db-adapter.ts)", () => {
  it("was written for the installed @prisma/adapter-pg and @prisma/client", () => {
    for (const [name, version] of Object.entries(PATCHED_FOR))
      expect(
        installed(name),
        `${name} changed: re-check lib/platform/db-adapter.ts, then update PATCHED_FOR`,
      ).toBe(version);
  });

  it("finds the internals it replaces on a real transaction", async () => {
    const pool = onePool();
    const adapter = await new ReleasingPrismaPg(pool).connect();
    const tx = await adapter.startTransaction();
    const raw = tx as unknown as Record<string, unknown> & { client?: Record<string, unknown> };
    try {
      expect(typeof raw.client?.release).toBe("function");
      expect(typeof raw.client?.on).toBe("function");
      for (const method of ["executeRaw", "commit", "rollback"]) {
        expect(typeof raw[method]).toBe("function");
        // Replaced on the object itself, so the engine calls the patched ones.
        expect(Object.hasOwn(raw, method)).toBe(true);
      }
    } finally {
      await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
      await tx.rollback();
      await pool.end();
    }
  });

  it("gives the connection back when COMMIT fails, so the next query is served", async () => {
    const pool = onePool();
    const prisma = new PrismaClient({ adapter: new ReleasingPrismaPg(pool) });
    try {
      await commitOnADeadConnection(prisma);
      expect(await answersWithin(prisma, 5_000)).toBe(true);
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  });

  it("is still needed: without it, that connection is never given back", async () => {
    const pool = onePool();
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    await commitOnADeadConnection(prisma);
    // When this fails, upstream fixed the leak: the patch can go.
    expect(await answersWithin(prisma, 2_000)).toBe(false);
    // The pool never gets its connection back, so it is left to the process's end, not ended.
  });
});
