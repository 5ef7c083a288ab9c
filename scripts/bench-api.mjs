// `npm run bench:api` — a program, not a test. Production build of the app and, in the same run,
// a bare node:http + pg server doing the same work (scripts/bench-bare-server.mjs), both against
// one throwaway PostgreSQL seeded with 10,000 students and 10,000 observers. autocannon loads
// GET /api/v1/users/self/observees (an observer with 3 students) on each with the same settings,
// then redemptions are timed one by one. Prints req/s, p50, p99 and the ratio.
// Options (env): BENCH_DURATION (s per round, default 10), BENCH_ROUNDS (default 2), BENCH_CONNECTIONS (default 20),
// BENCH_SKIP_BUILD=1 (reuse .next), BENCH_STUDENTS (default 10000), BENCH_REDEMPTIONS (default 100).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "./lib/embedded-db.mjs";
import { ROOT } from "./lib/local-env.mjs";
import { migrateDeploy } from "./lib/prisma-cli.mjs";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const STUDENTS = Math.max(10_000, Number(process.env.BENCH_STUDENTS ?? 10_000));
const REDEMPTIONS = Number(process.env.BENCH_REDEMPTIONS ?? 100);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const cleanups = [];
const log = (m) => console.log(`▶ ${m}`);
const sha256 = (s) => crypto.createHash("sha256").update(s).digest("hex");

async function seed(url) {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => {}); // the server is stopped under it on failure
  await c.connect();
  const q = (sql, params) => c.query(sql, params);
  await q("BEGIN");
  const root = (
    await q(
      `INSERT INTO accounts (name, is_default, self_registration, updated_at) VALUES ('Bench District', true, 'observers', now()) RETURNING id`,
    )
  ).rows[0].id;
  // Students 1..N and observers N+1..2N (+ 2·REDEMPTIONS spare users), each with a login.
  const total = 2 * STUDENTS + REDEMPTIONS;
  const first = (
    await q(
      `INSERT INTO users (name, sortable_name, short_name, updated_at)
       SELECT CASE WHEN g <= $1 THEN 'Student ' ELSE 'Parent ' END || g, 'Person' || lpad(g::text, 6, '0'), 'Person ' || g, now()
         FROM generate_series(1, $2) g RETURNING id`,
      [STUDENTS, total],
    )
  ).rows[0].id;
  const studentId = (i) => first + i; // i in 0..STUDENTS-1
  const observerId = (i) => first + STUDENTS + i;
  await q(
    `INSERT INTO logins (user_id, root_account_id, unique_id, unique_id_normalized, updated_at)
     SELECT id, $1, 'user' || id || '@bench.test', 'user' || id || '@bench.test', now() FROM users WHERE id >= $2`,
    [root, first],
  );
  const courses = (
    await q(
      `INSERT INTO courses (account_id, root_account_id, name, course_code, updated_at) SELECT $1, $1, 'Course ' || g, 'C' || g, now() FROM generate_series(1, 200) g RETURNING id`,
      [root],
    )
  ).rows.map((r) => r.id);
  // Every student in two courses; every observer linked to 3 students, with the mirrored observer enrollments.
  await q(
    `INSERT INTO enrollments (course_id, user_id, root_account_id, type, updated_at)
     SELECT ($3::int[])[1 + ((s.i + k) % 200)], $1::int + s.i, $2, 'student', now() FROM generate_series(0, $4::int - 1) s(i), (VALUES (0), (100)) v(k)`,
    [first, root, courses, STUDENTS],
  );
  await q(
    `INSERT INTO observation_links (student_id, observer_id, root_account_id, method, updated_at)
     SELECT $1::int + ((o.i * 3 + j) % $3::int), $1::int + $3::int + o.i, $2, 'admin', now() FROM generate_series(0, $3::int - 1) o(i), generate_series(0, 2) j`,
    [first, root, STUDENTS],
  );
  await q(
    `INSERT INTO enrollments (course_id, user_id, root_account_id, type, associated_user_id, updated_at)
     SELECT e.course_id, l.observer_id, $1, 'observer', l.student_id, now() FROM observation_links l JOIN enrollments e ON e.user_id = l.student_id AND e.type = 'student'
     ON CONFLICT DO NOTHING`,
    [root],
  );
  // Tokens: the benchmarked observer, then pairs (student, spare observer) for the redemption timing.
  const token = (userId) => {
    const raw = "opk_" + crypto.randomBytes(32).toString("base64url");
    return { userId, raw };
  };
  const tokens = [token(observerId(0))];
  for (let i = 0; i < REDEMPTIONS; i++)
    tokens.push(token(studentId(STUDENTS - 1 - i)), token(first + 2 * STUDENTS + i));
  for (const t of tokens)
    await q(`INSERT INTO access_tokens (user_id, digest, hint, purpose) VALUES ($1, $2, $3, 'bench')`, [
      t.userId,
      sha256(t.raw),
      t.raw.slice(-4),
    ]);
  await q("COMMIT");
  await q("ANALYZE");
  const counts = (
    await q(
      `SELECT (SELECT count(*) FROM users) users, (SELECT count(*) FROM observation_links) links, (SELECT count(*) FROM enrollments) enrollments`,
    )
  ).rows[0];
  await c.end();
  return {
    counts,
    observerToken: tokens[0].raw,
    pairs: Array.from({ length: REDEMPTIONS }, (_, i) => ({
      student: tokens[1 + 2 * i].raw,
      observer: tokens[2 + 2 * i].raw,
    })),
  };
}

async function waitFor(url, child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited early`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

function serve(args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
  cleanups.unshift(async () => child.kill("SIGTERM"));
  child.errTail = () => err;
  return child;
}

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

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observer-pairing-bench-"));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: false });
  cleanups.push(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await server.createDatabase("bench");
  const url = server.url("bench");
  await migrateDeploy(url);
  log(`Seeding ${STUDENTS.toLocaleString()} students and ${STUDENTS.toLocaleString()} observers`);
  const data = await seed(url);
  console.log(`  ${JSON.stringify(data.counts)}`);

  const env = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    PAIRING_CODE_KEY: crypto.randomBytes(32).toString("base64url"),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  if (process.env.BENCH_SKIP_BUILD !== "1" || !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    log("Production build (next build)");
    if (
      spawnSync(process.execPath, [nextBin, "build"], {
        cwd: ROOT,
        env,
        stdio: ["ignore", "ignore", "inherit"],
      }).status !== 0
    )
      throw new Error("next build failed");
  }
  const [appPort, barePort] = [await freePort(), await freePort()];
  const app = serve(
    [
      ...(process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      nextBin,
      "start",
      "-p",
      String(appPort),
      "-H",
      "127.0.0.1",
    ],
    env,
  );
  const bare = serve([path.join(ROOT, "scripts/bench-bare-server.mjs")], { ...env, PORT: String(barePort) });
  const appBase = `http://127.0.0.1:${appPort}`;
  const bareBase = `http://127.0.0.1:${barePort}`;
  const path_ = "/api/v1/users/self/observees";
  await Promise.all([waitFor(appBase + path_, app), waitFor(bareBase + path_, bare)]).catch((e) => {
    console.error(app.errTail(), bare.errTail());
    throw e;
  });
  const check = await fetch(appBase + path_, {
    headers: { authorization: `Bearer ${data.observerToken}` },
  }).then((r) => r.json());
  if (!Array.isArray(check) || check.length !== 3)
    throw new Error(`expected 3 observees, got ${JSON.stringify(check).slice(0, 200)}`);

  log(
    `autocannon: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per server, GET ${path_} (observer with 3 students)`,
  );
  const [bareResult, appResult] = await compare(
    [
      { name: "bare node:http + pg", url: bareBase + path_ },
      { name: "Next.js app (production)", url: appBase + path_ },
    ],
    data.observerToken,
  );
  console.log(
    `  load average now: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${os.cpus().length} CPUs (the machine is shared by everything running on it)`,
  );
  log(`Timing ${REDEMPTIONS} pairing-code redemptions (POST ${path_}), one at a time`);
  const redemptions = await timeRedemptions(appBase, data.pairs);

  const ratio = appResult.rps / bareResult.rps;
  console.log("\n| server | req/s | p50 ms | p99 ms | requests |\n|---|---:|---:|---:|---:|");
  for (const r of [bareResult, appResult])
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99} | ${r.total} |`);
  console.log(`\nratio (app ÷ bare): ${ratio.toFixed(2)}×  — goal ≥ 0.35× ${ratio >= 0.35 ? "✔" : "✖"}`);
  console.log(`app p99: ${appResult.p99} ms — goal ≤ 50 ms ${appResult.p99 <= 50 ? "✔" : "✖"}`);
  console.log(
    `redemptions: p50 ${percentile(redemptions, 50).toFixed(1)} ms, p99 ${percentile(redemptions, 99).toFixed(1)} ms, mean ${(redemptions.reduce((a, b) => a + b, 0) / redemptions.length).toFixed(1)} ms (n=${redemptions.length})`,
  );
}

let code = 1;
try {
  await main();
  code = 0;
} catch (err) {
  console.error(`\n✖ ${err?.stack ?? err}`);
} finally {
  for (const c of cleanups) await c().catch(() => {});
}
process.exit(code);
