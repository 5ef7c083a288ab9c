// A database that is briefly unreachable is a 503 with Retry-After — for the API and for forms —
// not a 500 that reads like a bug: checked with real failures of a real PostgreSQL (a killed
// backend, a refused connection, through pg and through Prisma's adapter).
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
