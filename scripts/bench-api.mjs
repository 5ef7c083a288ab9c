// `npm run bench:api` — a program, not a test. Production build of the app and, in the same run,
// a bare node:http + pg server doing the same work (scripts/bench-bare-server.mjs), both against
// one throwaway PostgreSQL seeded with 10,000 students and 10,000 observers. autocannon loads
// GET /api/v1/users/self/observees (an observer with 3 students) on each with the same settings,
// then redemptions are timed one by one. Prints req/s, p50, p99 and the ratio: first one process
// each (the app as `npm start` serves it, scripts/serve.mjs with WEB_CONCURRENCY=1), then one per
// core each (both forking workers the same way), so like is compared with like. With one process
// each, an empty Next.js app whose one route handler does the same work is loaded too: the part of
// the gap that is Next.js's own floor.
// Options (env): BENCH_DURATION (s per round, default 10), BENCH_ROUNDS (default 2), BENCH_CONNECTIONS (default 20),
// BENCH_SKIP_BUILD=1 (reuse .next), BENCH_STUDENTS (default 10000), BENCH_REDEMPTIONS (default 100).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { seed } from "./lib/bench-api-seed.mjs";
import { freePort } from "./lib/embedded-db.mjs";
import { serveEmptyNextApp } from "./lib/empty-next-app.mjs";
import {
  buildApp,
  percentile,
  runMain,
  runSecrets,
  serveNode,
  throwawayDatabase,
  waitForHttp,
} from "./lib/harness.mjs";
import { ROOT } from "./lib/local-env.mjs";
import { servingPlan } from "./lib/web-concurrency.mjs";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const STUDENTS = Math.max(10_000, Number(process.env.BENCH_STUDENTS ?? 10_000));
const REDEMPTIONS = Number(process.env.BENCH_REDEMPTIONS ?? 100);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const log = (m) => console.log(`▶ ${m}`);

async function load(url, token, duration) {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${token}` },
  });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
  return r;
}

/**
 * Loads both servers in alternating rounds (bare, app, bare, app…) so that whatever else the
 * machine is doing weighs on both alike; each server gets ROUNDS × DURATION seconds in total.
 */
async function compare(targets, token) {
  const runs = new Map(targets.map((t) => [t.name, []]));
  for (const t of targets) await load(t.url, token, 2); // warm-up: JIT, connection pools, caches
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) runs.get(t.name).push(await load(t.url, token, DURATION));
  }
  return targets.map((t) => {
    const rs = runs.get(t.name);
    const total = rs.reduce((a, r) => a + r.requests.total, 0);
    const seconds = rs.reduce((a, r) => a + r.duration, 0);
    // p50: the mean of the rounds' medians; p99: the worst round's (conservative).
    return {
      name: t.name,
      rps: total / seconds,
      p50: rs.reduce((a, r) => a + r.latency.p50, 0) / rs.length,
      p99: Math.max(...rs.map((r) => r.latency.p99)),
      total,
    };
  });
}

async function timeRedemptions(base, pairs) {
  const times = [];
  for (const p of pairs) {
    const code = await fetch(`${base}/api/v1/users/self/observer_pairing_codes`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.student}` },
    }).then((r) => r.json());
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/users/self/observees`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.observer}`, "content-type": "application/json" },
      body: JSON.stringify({ pairing_code: code.code }),
    });
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`redemption failed: ${res.status} ${await res.text()}`);
  }
  return times.sort((a, b) => a - b);
}

async function main() {
  log("Starting a throwaway PostgreSQL 17");
  const url = await throwawayDatabase({ name: "bench" });
  log(`Seeding ${STUDENTS.toLocaleString()} students and ${STUDENTS.toLocaleString()} observers`);
  const data = await seed(url, { STUDENTS, REDEMPTIONS });
  console.log(`  ${JSON.stringify(data.counts)}`);

  const env = { ...process.env, ...runSecrets(), DATABASE_URL: url, NODE_ENV: "production" };
  if (process.env.BENCH_SKIP_BUILD !== "1" || !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    log("Production build (next build)");
    buildApp(env, { quiet: true });
  }
  const path_ = "/api/v1/users/self/observees";
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [];

  /** The app as `npm start` serves it (scripts/serve.mjs) and the bare server, each with `workers` processes. */
  async function servers(workers) {
    const { poolSize } = servingPlan({ WEB_CONCURRENCY: String(workers) }, os.availableParallelism());
    const common = { ...env, WEB_CONCURRENCY: String(workers), DATABASE_POOL_SIZE: String(poolSize) };
    const [appPort, barePort] = [await freePort(), await freePort()];
    const app = serveNode([...nodeArgs, path.join(ROOT, "scripts/serve.mjs"), String(appPort)], {
      ...common,
      APP_URL: `http://127.0.0.1:${appPort}`,
    });
    const bare = serveNode([path.join(ROOT, "scripts/bench-bare-server.mjs")], {
      ...common,
      PORT: String(barePort),
    });
    const appBase = `http://127.0.0.1:${appPort}`;
    const bareBase = `http://127.0.0.1:${barePort}`;
    await Promise.all([waitForHttp(appBase + path_, app, 120_000), waitForHttp(bareBase + path_, bare)]);
    const check = await fetch(appBase + path_, {
      headers: { authorization: `Bearer ${data.observerToken}` },
    }).then((r) => r.json());
    if (!Array.isArray(check) || check.length !== 3)
      throw new Error(`expected 3 observees, got ${JSON.stringify(check).slice(0, 200)}`);
    const stop = async () => {
      for (const child of [app, bare]) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    };
    return { appBase, bareBase, poolSize, stop };
  }

  async function round(workers, floor) {
    const s = await servers(workers);
    log(
      `${workers} process${workers > 1 ? "es" : ""} each (${s.poolSize} database connections per process) — autocannon: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per server, GET ${path_} (observer with 3 students)`,
    );
    const [bareResult, appResult, floorResult] = await compare(
      [
        { name: `bare node:http + pg ×${workers}`, url: s.bareBase + path_ },
        { name: `Next.js app (npm start) ×${workers}`, url: s.appBase + path_ },
        ...(floor ? [{ name: `empty Next.js app, same work ×${workers}`, url: floor.url + path_ }] : []),
      ],
      data.observerToken,
    );
    return { ...s, bareResult, appResult, floorResult };
  }

  const cores = os.availableParallelism();
  // Next.js's own floor: an empty Next.js app (`next start`, one process) whose one route handler
  // does the bare server's work through the same module — what the framework alone costs.
  log("Building an empty Next.js app with one route handler doing the same work (the framework's floor)");
  const floor = await serveEmptyNextApp({
    observeesRoute: true,
    env: {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(servingPlan({ WEB_CONCURRENCY: "1" }, cores).poolSize),
    },
  });
  const one = await round(1, floor);
  floor.stop();
  log(`Timing ${REDEMPTIONS} pairing-code redemptions (POST ${path_}), one at a time, one app process`);
  const redemptions = await timeRedemptions(one.appBase, data.pairs);
  await one.stop();
  const all = cores > 1 ? await round(cores) : null;
  if (all) await all.stop();
  console.log(
    `  load average now: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${cores} CPUs (the machine is shared by everything running on it)`,
  );

  console.log("\n| server | req/s | p50 ms | p99 ms | requests |\n|---|---:|---:|---:|---:|");
  for (const r of [
    one.bareResult,
    one.floorResult,
    one.appResult,
    ...(all ? [all.bareResult, all.appResult] : []),
  ])
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99} | ${r.total} |`);
  const ratio = one.appResult.rps / one.bareResult.rps;
  const mark = (ok) => (ok ? "✔" : "✖");
  console.log(
    `\nratio, one process each (app ÷ bare): ${ratio.toFixed(2)}×  — goal ≥ 0.50× ${mark(ratio >= 0.5)}`,
  );
  const floorRatio = one.floorResult.rps / one.bareResult.rps;
  console.log(
    `Next.js's floor (empty Next.js app doing the same work ÷ bare): ${floorRatio.toFixed(2)}×, p99 ${one.floorResult.p99} ms; the app ÷ that floor: ${(one.appResult.rps / one.floorResult.rps).toFixed(2)}×`,
  );
  console.log(
    `app p99, one process: ${one.appResult.p99} ms — goal ≤ 50 ms ${mark(one.appResult.p99 <= 50)}`,
  );
  if (all)
    console.log(
      `all ${cores} cores: app ${all.appResult.rps.toFixed(0)} req/s (${(all.appResult.rps / one.appResult.rps).toFixed(2)}× its one process), bare ${all.bareResult.rps.toFixed(0)} req/s; ratio ${(all.appResult.rps / all.bareResult.rps).toFixed(2)}×`,
    );
  const [p50, p99] = [percentile(redemptions, 50), percentile(redemptions, 99)];
  console.log(
    `redemptions: p50 ${p50.toFixed(1)} ms — goal ≤ 20 ms ${mark(p50 <= 20)}; p99 ${p99.toFixed(1)} ms — goal ≤ 50 ms ${mark(p99 <= 50)}; mean ${(redemptions.reduce((a, b) => a + b, 0) / redemptions.length).toFixed(1)} ms (n=${redemptions.length})`,
  );
}

await runMain(main);
