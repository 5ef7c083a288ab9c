// A database that is briefly unreachable is a 503 with Retry-After — for the API and for forms —
// not a 500 that reads like a bug: checked with real failures of a real PostgreSQL (a killed
// backend, a refused connection, through pg and through Prisma's adapter).
import net from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { actionErrorState } from "../../lib/platform/action-state.ts";
import { renderError } from "../../lib/api/respond.ts";
import { ReleasingPrismaPg } from "../../lib/platform/db-adapter.ts";
import { isDatabaseUnavailable } from "../../lib/platform/db-unavailable.ts";
import { AppError, MESSAGES, toAppError } from "../../lib/platform/errors.ts";
import { PrismaClient } from "../../lib/platform/generated/prisma/client.ts";

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

describe("the database briefly unreachable", () => {
  it("a backend killed under a query: 503 with Retry-After, the form's message says to try again", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    client.on("error", () => {});
    const err = await failureOf(() => client.query("SELECT pg_terminate_backend(pg_backend_pid())"));
    await client.end().catch(() => {});
    expect(isDatabaseUnavailable(err)).toBe(true);
    const res = renderError(err);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ errors: [{ message: MESSAGES.unavailable }] });
    expect(actionErrorState(err)).toMatchObject({ ok: false, message: MESSAGES.unavailable });
  });

  it("no server listening, through Prisma's adapter: 503", async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused.
    const pool = new pg.Pool({ connectionString: "postgresql://x:y@127.0.0.1:1/none" });
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: new ReleasingPrismaPg(pool) });
    const err = await failureOf(() => prisma.user.count());
    await prisma.$disconnect();
    await pool.end();
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(toAppError(err)?.code).toBe("unavailable");
    expect(renderError(err).status).toBe(503);
  });

  it("the server's connection reset mid-query (a crash), a raw query through Prisma's adapter: 503", async () => {
    // A crashed PostgreSQL closes its sockets without a word. Prisma reports a raw query's lost
    // connection as P2010 "Server has closed the connection." with the adapter's
    // { kind: "ConnectionClosed" } under meta.driverAdapterError (seen as a 500 from the challenge
    // route while tests/adversarial/faults.test.ts restarted PostgreSQL). A TCP relay to the real
    // database plays the crash: it cuts every connection while a query runs.
    const target = new URL(process.env.DATABASE_URL!);
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      client.pipe(upstream).pipe(client);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("error", () => {});
      }
    });
    await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
    const url = new URL(target);
    url.hostname = "127.0.0.1";
    url.port = String((relay.address() as net.AddressInfo).port);
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: new ReleasingPrismaPg(pool) });
    await prisma.$queryRaw`SELECT 1`;
    const pending = failureOf(() => prisma.$queryRaw`SELECT pg_sleep(5)`);
    await new Promise((r) => setTimeout(r, 200));
    // A reset, not a polite close: pg reports ECONNRESET, which the adapter calls ConnectionClosed.
    for (const s of sockets) s.resetAndDestroy();
    const err = await pending;
    await prisma.$disconnect().catch(() => {});
    await pool.end().catch(() => {});
    relay.close();
    expect(err).toMatchObject({
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } },
    });
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(renderError(err).status).toBe(503);
  });

  it("a query's own fault stays what it was: a 500 for a bug, the usual status for a domain error", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const err = await failureOf(() => client.query("SELECT * FROM no_such_table"));
    await client.end();
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(renderError(err).status).toBe(500);
    expect(renderError(new AppError("not_found", MESSAGES.notFound)).status).toBe(404);
  });
});
