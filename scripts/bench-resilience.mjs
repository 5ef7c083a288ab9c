// `npm run bench:resilience` — a program, not a test. Two `next start` instances of the
// production build behind Debian's nginx (scripts/lib/instances.mjs) on one PostgreSQL 17, then
// one line per check: the client address, concurrent redemptions split across both instances,
// shared throttling, nobody innocent locked out (a school's NAT, a district's automation, a
// parent whose email a stranger typed), sessions and server actions on either instance, an instance killed mid-load,
// backends terminated during redemptions, PostgreSQL restarted, and a soak at half the capacity
// measured first in the same run (RSS growth < 10 %, 0 errors). Ends with "N passed, M failed".
// Options (env): BENCH_SOAK_SECONDS (default 600), BENCH_SKIP_BUILD=1 (reuse .next).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./lib/embedded-db.mjs";
import { buildApp, cleanups, runMain, runSecrets } from "./lib/harness.mjs";
import { closeAgents } from "./lib/http-client.mjs";
import { actionsKey, startInstances } from "./lib/instances.mjs";
import { ROOT } from "./lib/local-env.mjs";
import { migrateDeploy } from "./lib/prisma-cli.mjs";
import { clientAddress, concurrentRedemptions, sharedThrottling } from "./lib/resilience-checks.mjs";
import {
  killInstanceMidLoad,
  restartPostgres,
  terminateDuringRedemptions,
} from "./lib/resilience-faults.mjs";
import { districtAutomation, schoolWifi, victimEmail } from "./lib/resilience-innocent.mjs";
import { seedResilience } from "./lib/resilience-seed.mjs";
import { sessionsOnEither } from "./lib/resilience-sessions.mjs";
import { soakCheck } from "./lib/resilience-soak.mjs";

const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const log = (m) => console.log(`▶ ${m}`);

/** A persistent embedded PostgreSQL in a temporary directory, so a restart keeps the data. */
async function database() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observer-pairing-resilience-"));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: true });
  cleanups.push(async () => {
    await server.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await server.createDatabase("resilience");
  const url = server.url("resilience");
  await migrateDeploy(url);
  return { server, url };
}

async function main() {
  if (!Number.isFinite(SOAK_SECONDS) || SOAK_SECONDS < 10)
    throw new Error("BENCH_SOAK_SECONDS must be at least 10");
  log("Starting PostgreSQL 17 (embedded, persistent for the restart check)");
  const { server, url } = await database();
  log("Seeding a school, 2,000 students and observers, tokens and password logins");
  const data = await seedResilience(url, { pairs: 1600, people: 4 });
  let next = 0;
  const take = (n) => {
    if (next + n > data.pairs.length) throw new Error("the seed has too few pairs for the checks");
    return data.pairs.slice(next, (next += n));
  };

  const env = {
    ...process.env,
    ...runSecrets(),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionsKey(),
    DATABASE_URL: url,
  };
  if (process.env.BENCH_SKIP_BUILD !== "1" || !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    log("Production build (next build), with the shared NEXT_SERVER_ACTIONS_ENCRYPTION_KEY");
    buildApp({ ...env, NODE_ENV: "production" }, { quiet: true });
  }
  log("Starting 2 instances (next start) behind nginx");
  const cluster = await startInstances({ env, count: 2 });
  cleanups.unshift(() => cluster.stop());
  cleanups.unshift(async () => closeAgents());
  console.log(
    `  nginx ${cluster.url} → ${cluster.instances.map((i) => i.url).join(", ")} (config ${cluster.nginx.conf})\n`,
  );

  const ctx = { cluster, dbUrl: url, take, database: server, people: data.people };
  const checks = [
    ["client address from the proxy", clientAddress],
    ["concurrent redemptions split across both instances", concurrentRedemptions],
    ["throttling shared across instances", sharedThrottling],
    ["school Wi-Fi: 120 families on one address, one in three mistyping once", schoolWifi],
    ["district automation with an admin's token from an address past its limit", districtAutomation],
    ["a parent whose email a stranger registered with 10 wrong codes", victimEmail],
    ["sessions and server actions valid on either instance", sessionsOnEither],
    ["one instance killed mid-load", killInstanceMidLoad],
    ["pg_terminate_backend during redemptions", terminateDuringRedemptions],
    ["PostgreSQL restart recovery", restartPostgres],
    [`soak: ${SOAK_SECONDS} s at half capacity`, (c) => soakCheck(c, SOAK_SECONDS)],
  ];
  let passed = 0;
  let failed = 0;
  for (const [name, fn] of checks) {
    const t0 = performance.now();
    try {
      const detail = await fn(ctx);
      passed++;
      console.log(`✔ ${name} (${((performance.now() - t0) / 1000).toFixed(1)} s): ${detail}`);
    } catch (err) {
      failed++;
      console.log(`✖ ${name} (${((performance.now() - t0) / 1000).toFixed(1)} s): ${err?.message ?? err}`);
    }
  }
  const errors = cluster.nginx
    .errors()
    .split("\n")
    .filter((l) => /\[(error|crit|alert|emerg)\]/.test(l));
  console.log(
    `\nnginx error log: ${errors.length} lines of level error or worse (connections refused by the killed instance and the like)`,
  );
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

// Ctrl-C (or a timeout) still stops the instances, nginx and PostgreSQL.
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, async () => {
    for (const c of cleanups) await c().catch(() => {});
    process.exit(130);
  });

await runMain(main);
