// What the test runner and the benchmark programs share: a throwaway migrated PostgreSQL, the app
// built and served, waiting for a server, and cleaning up whatever happens.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-db.mjs";
import { ROOT } from "./local-env.mjs";
import { migrateDeploy } from "./prisma-cli.mjs";

/** Run last to first by runMain, also after a failure. */
export const cleanups = [];

export const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

/**
 * A fresh, migrated database: on `serverUrl` (a PostgreSQL server URL) when given, else on an
 * embedded PostgreSQL 17 started for this run. Dropped (or stopped) at the end.
 */
export async function throwawayDatabase({ name, serverUrl }) {
  if (serverUrl) {
    const admin = async (sql) => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(sql);
      await c.end();
    };
    await admin(`CREATE DATABASE "${name}"`);
    cleanups.push(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    const u = new URL(serverUrl);
    u.pathname = "/" + name;
    await migrateDeploy(u.toString());
    return u.toString();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observer-pairing-"));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: false });
  cleanups.push(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await server.createDatabase(name);
  await migrateDeploy(server.url(name));
  return server.url(name);
}

/**
 * What an app instance needs besides its database: fresh secrets, and an APP_URL on loopback
 * (without one no link can be made; callers that know the port put it in).
 */
export function runSecrets() {
  const random = () => crypto.randomBytes(32).toString("base64url");
  return {
    AUTH_SECRET: random(),
    PAIRING_CODE_KEY: random(),
    NEXT_TELEMETRY_DISABLED: "1",
    APP_URL: "http://127.0.0.1",
  };
}

/** `next build` (production); throws when it fails. */
export function buildApp(env, { quiet = false } = {}) {
  const stdio = quiet ? ["ignore", "ignore", "inherit"] : "inherit";
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env, stdio });
  if (r.status !== 0) throw new Error("next build failed");
}

/**
 * A node child process, killed at the end; `tail()` is the end of its output (for errors). With
 * `logFile`, all of its output is also appended to that file.
 */
export function serveNode(args, env, { logFile } = {}) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const log = logFile ? fs.createWriteStream(logFile, { flags: "a" }) : null;
  const keep = (d) => {
    out = (out + d).slice(-8000);
    log?.write(d);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  cleanups.unshift(async () => child.kill("SIGTERM"));
  child.tail = () => out;
  return child;
}

/** Resolves once `url` answers below 500; fails when the child exits or time runs out. */
export async function waitForHttp(url, child, timeoutMs = 60_000) {
  for (const start = Date.now(); Date.now() - start < timeoutMs;) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited early\n${child.tail()}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s\n${child.tail()}`);
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `main` (which returns an exit code, or throws), then every cleanup, then exits. */
export async function runMain(main) {
  let code = 1;
  try {
    code = (await main()) ?? 0;
  } catch (err) {
    console.error(`\n✖ ${err?.stack ?? err}`);
  } finally {
    for (const c of cleanups) await c().catch(() => {});
  }
  process.exit(code);
}
