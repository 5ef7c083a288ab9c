// `npm test`: every test against a throwaway PostgreSQL — unit and integration (Vitest), then
// end to end (Playwright in Debian's Chromium against `next start`).
// Options: --no-e2e, --e2e-only; other arguments (test files or name filters) go to Vitest and
// Playwright. TEST_DATABASE_URL (a server URL) replaces the embedded server.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "./lib/embedded-db.mjs";
import { ROOT } from "./lib/local-env.mjs";
import { migrateDeploy } from "./lib/prisma-cli.mjs";

const args = new Set(process.argv.slice(2).filter((a) => a.startsWith("--")));
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const runUnit = !args.has("--e2e-only");
const runE2e = !args.has("--no-e2e");
const dbName = `test_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`;
const cleanups = [];

function step(msg) {
  console.log(`\n▶ ${msg}`);
}

function run(cmd, argv, env) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, env, stdio: "inherit" });
  return r.status ?? 1;
}

async function throwawayDatabase() {
  if (process.env.TEST_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    });
    const u = new URL(process.env.TEST_DATABASE_URL);
    u.pathname = "/" + dbName;
    return u.toString();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observer-pairing-test-"));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: false });
  cleanups.push(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await server.createDatabase(dbName);
  return server.url(dbName);
}

async function waitForServer(url, child, timeoutMs = 60_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error("next start exited early");
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not answer at ${url} within ${timeoutMs / 1000} s`);
}

async function main() {
  step("Starting a throwaway PostgreSQL database");
  const url = await throwawayDatabase();
  await migrateDeploy(url);
  const env = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    PAIRING_CODE_KEY: crypto.randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
    TRUSTED_PROXY_HEADER: "x-test-client-ip",
  };

  if (runUnit) {
    step("Unit and integration tests (Vitest, real PostgreSQL)");
    if (run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...filters], env) !== 0) return 1;
  }
  if (!runE2e) return 0;

  step("Building the app (next build)");
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  if (run(process.execPath, [nextBin, "build"], { ...env, NODE_ENV: "production" }) !== 0) return 1;

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  step(`Starting the app for end-to-end tests at ${baseUrl}`);
  const app = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let appLog = "";
  app.stdout.on("data", (d) => (appLog += d));
  app.stderr.on("data", (d) => (appLog += d));
  cleanups.unshift(async () => {
    app.kill("SIGTERM");
  });
  try {
    await waitForServer(`${baseUrl}/login`, app);
  } catch (err) {
    console.error(appLog);
    throw err;
  }

  step("End-to-end tests (Playwright, Chromium)");
  // react-server makes lib/'s `import "server-only"` importable by the tests' own data helpers.
  const code = run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...filters], {
    ...env,
    BASE_URL: baseUrl,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
  });
  if (code !== 0 && appLog.trim()) console.error("\n--- app log ---\n" + appLog.slice(-8000));
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  console.error(`\n✖ ${err?.message ?? err}`);
} finally {
  for (const c of cleanups) await c().catch(() => {});
}
process.exit(exitCode);
