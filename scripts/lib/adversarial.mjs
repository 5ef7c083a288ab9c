// The adversarial stage of `npm test` (and `npm run test:adversarial`): its own embedded PostgreSQL
// and its own `next start` of the production build, so its throttling counters never bleed into the
// other tests, then Vitest with vitest.adversarial.config.ts against them.
//
// What the tests get (env): BASE_URL, DATABASE_URL, TRUSTED_PROXY_HEADER (= x-test-client-ip), the
// server's secrets, and
// - ADVERSARIAL_CONTROL_URL: a loopback HTTP endpoint of this process; `POST /postgres/restart?mode=
//   fast|immediate` restarts the database server (same port and data) and answers once it is ready;
// - ADVERSARIAL_SERVER_LOG: a file with everything the app server has printed;
// - ADVERSARIAL_SECRETS_FILE: where tests append each code, token and link they were issued (one JSON
//   line each; see tests/adversarial/harness.ts), checked at rest by the last test file.
// The stage always uses an embedded server (TEST_DATABASE_URL is not used): tests restart it.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "./embedded-db.mjs";
import { buildApp, cleanups, NEXT_BIN, runSecrets, serveNode, waitForHttp } from "./harness.mjs";
import { ROOT } from "./local-env.mjs";
import { migrateDeploy } from "./prisma-cli.mjs";

/** A fresh embedded PostgreSQL with one migrated database; `{ server, url, dir }`. */
async function adversarialDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observer-pairing-adv-"));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: false });
  cleanups.push(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const name = `adversarial_${crypto.randomBytes(3).toString("hex")}`;
  await server.createDatabase(name);
  await migrateDeploy(server.url(name));
  return { server, url: server.url(name), dir };
}

/** The control endpoint tests use to inject faults the app cannot cause itself. */
async function controlServer(db) {
  let busy = Promise.resolve();
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://control");
    if (req.method !== "POST" || url.pathname !== "/postgres/restart") {
      res.writeHead(404).end("unknown control request\n");
      return;
    }
    const mode = url.searchParams.get("mode") === "immediate" ? "immediate" : "fast";
    busy = busy.then(async () => {
      const started = Date.now();
      try {
        await db.server.restart(mode);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ restarted: true, mode, ms: Date.now() - started }));
      } catch (err) {
        res.writeHead(500).end(`restart failed: ${err?.message ?? err}\n`);
      }
    });
  });
  const port = await freePort();
  await new Promise((resolve) => srv.listen(port, "127.0.0.1", resolve));
  cleanups.unshift(async () => srv.close());
  return `http://127.0.0.1:${port}`;
}

/**
 * Runs the adversarial stage against the app, built first with `build`. `filters` go to Vitest;
 * with `passWithNoTests`, filters matching no adversarial file are not a failure.
 */
export async function runAdversarialStage({ filters = [], passWithNoTests = false, build = false } = {}) {
  const db = await adversarialDatabase();
  const logFile = path.join(db.dir, "server.log");
  const secretsFile = path.join(db.dir, "issued-secrets.jsonl");
  fs.writeFileSync(secretsFile, "");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    ...runSecrets(),
    DATABASE_URL: db.url,
    TRUSTED_PROXY_HEADER: "x-test-client-ip",
    APP_URL: baseUrl,
  };
  if (build) {
    console.log("\n▶ Building the app (next build)");
    buildApp({ ...env, NODE_ENV: "production" });
  }
  console.log(`\n▶ Starting the app for the adversarial tests at ${baseUrl} (own database)`);
  const app = serveNode([NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], env, { logFile });
  await waitForHttp(`${baseUrl}/login`, app);
  const controlUrl = await controlServer(db);

  console.log("\n▶ Adversarial tests (Vitest against the running app)");
  const started = Date.now();
  const argv = ["node_modules/vitest/vitest.mjs", "run", "--config", "vitest.adversarial.config.ts"];
  if (passWithNoTests) argv.push("--passWithNoTests");
  // Not spawnSync: this process must keep answering control requests while the tests run.
  const vitest = spawn(process.execPath, [...argv, ...filters], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...env,
      BASE_URL: baseUrl,
      ADVERSARIAL_CONTROL_URL: controlUrl,
      ADVERSARIAL_SERVER_LOG: logFile,
      ADVERSARIAL_SECRETS_FILE: secretsFile,
    },
  });
  const code = await new Promise((resolve) => vitest.on("exit", (status) => resolve(status ?? 1)));
  console.log(`  adversarial stage: ${((Date.now() - started) / 1000).toFixed(1)} s of tests`);
  if (code !== 0 && app.tail().trim()) console.error("\n--- app log (end) ---\n" + app.tail());
  return code;
}
