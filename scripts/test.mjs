// `npm test`: every test against a throwaway PostgreSQL — unit and integration (Vitest), then end to
// end (Playwright in Debian's Chromium against `next start`), then the adversarial stage
// (tests/adversarial: its own database and server on the same build, scripts/lib/adversarial.mjs).
// Options: --no-e2e (Vitest only), --e2e-only (skips Vitest), --no-adversarial, --adversarial-only
// (with --no-build: the last build; the same as `npm run test:adversarial`). Other arguments (test
// files or name filters) go to Vitest and Playwright. TEST_DATABASE_URL (a server URL) replaces the
// embedded server.
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
const adversarialOnly = args.has("--adversarial-only");
const runUnit = !args.has("--e2e-only") && !adversarialOnly;
const runE2e = !args.has("--no-e2e") && !adversarialOnly;

function step(msg) {
  console.log(`\n▶ ${msg}`);
}

function run(argv, env) {
  return spawnSync(process.execPath, argv, { cwd: ROOT, env, stdio: "inherit" }).status ?? 1;
}

async function main() {
  if (adversarialOnly) return runAdversarialStage({ filters, build: !args.has("--no-build") });
  step("Starting a throwaway PostgreSQL database");
  const url = await throwawayDatabase({
    name: `test_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`,
    serverUrl: process.env.TEST_DATABASE_URL,
  });
  // The app's own address, known before the tests start: emailed links are built from it.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    ...runSecrets(),
    DATABASE_URL: url,
    TRUSTED_PROXY_HEADER: "x-test-client-ip",
    APP_URL: baseUrl,
    // The pseudo-locale, served to a browser that asks for it (i18n/pseudo.ts): tests only.
    I18N_PSEUDO_LOCALE: "1",
  };

  if (runUnit) {
    step("Unit and integration tests (Vitest, real PostgreSQL)");
    if (run(["node_modules/vitest/vitest.mjs", "run", ...filters], env) !== 0) return 1;
  }
  if (!runE2e) return 0;

  run(["scripts/pseudo-locale.mjs"], env);
  step("Building the app (next build)");
  buildApp({ ...env, NODE_ENV: "production" });

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
  // The adversarial stage, on the same build with its own database and server (≈ 6 minutes on 2
  // cores); --no-adversarial leaves it out of a local run.
  app.kill("SIGTERM");
  if (args.has("--no-adversarial")) return 0;
  return runAdversarialStage({ filters, passWithNoTests: filters.length > 0 });
}

await runMain(main);
