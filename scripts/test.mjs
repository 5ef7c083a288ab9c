// `npm test`: every test against a throwaway PostgreSQL — unit and integration (Vitest), then
// end to end (Playwright in Debian's Chromium against `next start`).
// Options: --no-e2e, --e2e-only, --adversarial-only (with --no-build: the last build); other arguments (test files or name filters) go
// to Vitest and Playwright. TEST_DATABASE_URL (a server URL) replaces the embedded server.
// With --adversarial, after e2e, the adversarial stage (tests/adversarial, own database and server:
// scripts/lib/adversarial.mjs); `npm run test:adversarial` runs only it.
import { spawnSync } from "node:child_process";
import { runAdversarialStage } from "./lib/adversarial.mjs";
import crypto from "node:crypto";
import path from "node:path";
import { freePort } from "./lib/embedded-db.mjs";
import {
  buildApp,
  NEXT_BIN,
  runMain,
  runSecrets,
  serveNode,
  throwawayDatabase,
  waitForHttp,
} from "./lib/harness.mjs";
import { ROOT } from "./lib/local-env.mjs";

const args = new Set(process.argv.slice(2).filter((a) => a.startsWith("--")));
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
// --- adversarial stage (issue 10) ---
const adversarialOnly = args.has("--adversarial-only");
// --- end adversarial stage ---
const runUnit = !args.has("--e2e-only") && !adversarialOnly;
const runE2e = !args.has("--no-e2e") && !adversarialOnly;

function step(msg) {
  console.log(`\n▶ ${msg}`);
}

function run(argv, env) {
  return spawnSync(process.execPath, argv, { cwd: ROOT, env, stdio: "inherit" }).status ?? 1;
}

async function main() {
  // --- adversarial stage (issue 10) ---
  if (adversarialOnly) {
    return runAdversarialStage({ filters, build: !args.has("--no-build") });
  }
  // --- end adversarial stage ---
  step("Starting a throwaway PostgreSQL database");
  const url = await throwawayDatabase({
    name: `test_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`,
    serverUrl: process.env.TEST_DATABASE_URL,
  });
  const env = {
    ...process.env,
    ...runSecrets(),
    DATABASE_URL: url,
    TRUSTED_PROXY_HEADER: "x-test-client-ip",
  };

  if (runUnit) {
    step("Unit and integration tests (Vitest, real PostgreSQL)");
    if (run(["node_modules/vitest/vitest.mjs", "run", ...filters], env) !== 0) return 1;
  }
  if (!runE2e) return 0;

  step("Building the app (next build)");
  buildApp({ ...env, NODE_ENV: "production" });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  step(`Starting the app for end-to-end tests at ${baseUrl}`);
  const app = serveNode([NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], env);
  await waitForHttp(`${baseUrl}/login`, app);

  step("End-to-end tests (Playwright, Chromium)");
  // react-server makes lib/'s `import "server-only"` importable by the tests' own data helpers.
  const code = run([path.join("node_modules/@playwright/test/cli.js"), "test", ...filters], {
    ...env,
    BASE_URL: baseUrl,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
  });
  if (code !== 0 && app.tail().trim()) console.error("\n--- app log (end) ---\n" + app.tail());
  if (code !== 0) return code;
  // --- adversarial stage (issue 10) ---
  // Not yet part of every run: on 2 shared cores the suite takes far longer than its budget and
  // some files (races, fuzzing, guessing) have not passed whole yet. --adversarial adds it here.
  if (!args.has("--adversarial")) return 0;
  app.kill("SIGTERM");
  return runAdversarialStage({ filters, passWithNoTests: filters.length > 0 });
  // --- end adversarial stage ---
}

await runMain(main);
