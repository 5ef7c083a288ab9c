// The demo data (logins sharing the README's published password, one a root admin) must never
// reach a real deployment: `npm start` loads it only in embedded mode or with DEMO_DATA=1.
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper (scripts/start.mjs's decision)
import { wantsDemoData } from "../../scripts/lib/demo-data.mjs";
// @ts-expect-error plain ESM helper
import { migrateDeploy } from "../../scripts/lib/prisma-cli.mjs";
import { uid } from "../helpers/factory.ts";

describe("when the demo data loads (scripts/start.mjs's decision)", () => {
  it("embedded mode yes, a real DATABASE_URL no, DEMO_DATA=1 / 0 decides either way", () => {
    const url = "postgresql://app:secret@db.example.org:5432/pairing";
    expect(wantsDemoData({})).toBe(true);
    expect(wantsDemoData({ DATABASE_URL: url })).toBe(false);
    expect(wantsDemoData({ DATABASE_URL: url, DEMO_DATA: "1" })).toBe(true);
    expect(wantsDemoData({ DATABASE_URL: url, DEMO_DATA: "0" })).toBe(false);
    expect(wantsDemoData({ DEMO_DATA: "0" })).toBe(false);
    expect(wantsDemoData({ DATABASE_URL: url, DEMO_DATA: "" })).toBe(false);
    // A typo must not decide quietly.
    expect(() => wantsDemoData({ DATABASE_URL: url, DEMO_DATA: "yes" })).toThrow(/DEMO_DATA must be 1/);
  });
});

/** The seed as `npm start` runs it (tsx, react-server), against `url`. */
function seed(url: string, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, ...extra };
  if (!("DEMO_DATA" in extra)) delete env.DEMO_DATA;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, out })),
  );
}

describe("the seed against an empty database with DATABASE_URL set", () => {
  const server = new URL(process.env.DATABASE_URL!);
  const name = `seedcheck_${uid()}`;
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  const admin = async <T>(sql: string, on = server.toString()) => {
    const c = new pg.Client({ connectionString: on });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  };
  afterAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it("loads nothing and says how to make the first admin; DEMO_DATA=1 loads it; then it warns", async () => {
    await admin(`CREATE DATABASE "${name}"`);
    await migrateDeploy(url);
    const accounts = async () =>
      Number((await admin<{ n: string }>("SELECT count(*) AS n FROM accounts", url))[0].n);

    const real = await seed(url);
    expect(real.code).toBe(0);
    expect(real.out).toContain(
      'npm run --silent cli -- admin create --login <email> --account "<school name>"',
    );
    expect(await accounts()).toBe(0);
    expect(await admin(`SELECT 1 FROM logins WHERE unique_id = 'admin@demo.test'`, url)).toEqual([]);

    const demo = await seed(url, { DEMO_DATA: "1" });
    expect(demo.code).toBe(0);
    expect(demo.out).toContain("Demo data loaded.");
    expect(await accounts()).toBeGreaterThan(0);

    // A database that got the demo data once is called out at every real start.
    const again = await seed(url);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(
      /demo logins that take the published password "demo-pass-2026": admin@demo\.test,/,
    );
  }, 240_000);
});
