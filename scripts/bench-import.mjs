// `npm run bench:import` — a program, not a test. A throwaway PostgreSQL holds a school of
// BENCH_FAMILIES students (SIS ids, one or two courses each; one in ten shares a guardian with a
// sibling). From that one template, each measurement gets a fresh copy of the database:
//   roster     the family roster through the import engine (createSisImport + runSisImport, own process)
//   COPY       the rows that roster import wrote, copied out of its database and COPYed into fresh copies
//              (the floor; each run twice, best kept): every row it wrote (guardians, logins, links,
//              observer enrollments, audit events, setup links, emails, notifications: the goal's
//              baseline), and only the first four (shown beside it)
//   canvas     Canvas's users.csv + user_observers.csv through the same engine
//   end to end the roster uploaded to POST /api/v1/accounts/self/sis_imports on the production server
//              (scripts/serve.mjs, one process with the job worker) until `imported`, as a diffed data
//              set; then the same families with 1 % changed, diffed against it
//              (scripts/lib/bench-import-e2e.mjs)
//   API        the article's five-requests-per-family automation against `next start` (production
//              build), on a BENCH_API_SAMPLE-family sample, extrapolated
// and prints one table, the ratios and the importing processes' peak RSS against the targets.
// Options (env): BENCH_FAMILIES (default 100000), BENCH_API_SAMPLE (1000), BENCH_API_CONCURRENCY (8),
// BENCH_SKIP_API=1, BENCH_SKIP_E2E=1 (no end-to-end run), BENCH_SKIP_BUILD=1 (reuse .next),
// BENCH_PROFILE=1 (per-statement SQL times of the engine), BENCH_DATABASE_URL (a PostgreSQL server
// to use instead of an embedded one).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiRun } from "./lib/bench-import-api-run.mjs";
import { e2eRun } from "./lib/bench-import-e2e.mjs";
import { capturedRows, copyBaseline } from "./lib/bench-import-copy.mjs";
import { explainSlowStatements, freshCopy, verify } from "./lib/bench-import-db.mjs";
import { seedSchool, writeImportFiles } from "./lib/bench-import-data.mjs";
import { report } from "./lib/bench-import-report.mjs";
import { buildApp, cleanups, runMain, runSecrets, throwawayDatabase } from "./lib/harness.mjs";
import { ROOT } from "./lib/local-env.mjs";

const FAMILIES = Math.max(10, Math.round(Number(process.env.BENCH_FAMILIES ?? 100_000) / 10) * 10);
const SAMPLE = Math.min(
  FAMILIES,
  Math.max(10, Math.round(Number(process.env.BENCH_API_SAMPLE ?? 1000) / 10) * 10),
);
const CONCURRENCY = Number(process.env.BENCH_API_CONCURRENCY ?? 8);
const SKIP_API = process.env.BENCH_SKIP_API === "1";
const SKIP_E2E = process.env.BENCH_SKIP_E2E === "1";
const secrets = runSecrets();
const log = (m) => console.log(`▶ ${m}`);
const n = (x, digits = 0) =>
  x.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** One import through the engine, in its own process (scripts/lib/bench-import-engine.mjs). */
function engine(url, files, seed) {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/lib/bench-import-engine.mjs")],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        ...secrets,
        DATABASE_URL: url,
        BENCH_ENGINE: JSON.stringify({ files, accountId: seed.rootAccountId, adminId: seed.adminId }),
      },
    },
  );
  cleanups.unshift(async () => child.kill("SIGTERM"));
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{"))
        return reject(new Error(`the import process exited with ${code}`));
      const r = JSON.parse(last);
      if (r.state !== "imported") return reject(new Error(`the import ended ${r.state}: ${last}`));
      resolve({ ...r, seconds: r.stageSeconds + r.applySeconds });
    }),
  );
}

/** One import on a fresh copy; `capture`: also copy out the rows it wrote (the COPY baselines'). */
async function importRun(template, name, files, seed, capture = false) {
  const db = await freshCopy(template, name);
  if (process.env.BENCH_PROFILE === "1") await explainSlowStatements(db.url);
  const r = await engine(db.url, files, seed);
  await verify(db.url, FAMILIES, name);
  const captured = capture ? await capturedRows(template, db.url) : null;
  await db.drop();
  const rows = r.totalRows;
  console.log(
    `  ${n(rows)} rows in ${n(r.seconds, 1)} s (staging ${n(r.stageSeconds, 1)} s, applying ${n(r.applySeconds, 1)} s): ${n(rows / r.seconds)} rows/s, peak RSS ${n(r.peakRssMB)} MB (${n(r.startRssMB)} MB once loaded, ${n(r.stagePeakRssMB)} MB after staging) — ${JSON.stringify(r.counts)}`,
  );
  return { ...r, rows, captured };
}

async function copyRun(template, name, prepared) {
  const db = await freshCopy(template, name);
  const r = await copyBaseline(db.url, prepared);
  await verify(db.url, FAMILIES, name);
  await db.drop();
  const tables = prepared.tables.map((t) => `${t.table} ${n(t.rows)}`).join(", ");
  console.log(`  ${n(r.rows)} rows in ${n(r.seconds, 2)} s: ${n(r.rows / r.seconds)} rows/s (${tables})`);
  return r;
}

/** The better of two COPYs of `prepared` (each into its own fresh copy). */
async function bestCopy(template, name, prepared) {
  const runs = [];
  for (const i of [1, 2]) {
    log(`COPY baseline: ${name} (${i}/2)`);
    runs.push(await copyRun(template, `bench_copy_${i}`, prepared));
  }
  return runs.sort((a, b) => a.seconds - b.seconds)[0];
}

async function main() {
  if (
    (!SKIP_API || !SKIP_E2E) &&
    (process.env.BENCH_SKIP_BUILD !== "1" || !fs.existsSync(path.join(ROOT, ".next/BUILD_ID")))
  ) {
    log("Production build (next build)");
    buildApp({ ...process.env, ...secrets, NODE_ENV: "production" }, { quiet: true });
  }
  log("Starting a throwaway PostgreSQL");
  const template = await throwawayDatabase({
    name: "bench_import",
    serverUrl: process.env.BENCH_DATABASE_URL,
  });
  log(`Seeding ${n(FAMILIES)} students with SIS ids in one or two of ${n(FAMILIES / 50)} courses`);
  const seed = await seedSchool(template, FAMILIES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const files = await writeImportFiles(dir, FAMILIES);
  const size = (f) => `${path.basename(f)} ${n(fs.statSync(f).size / 1e6, 1)} MB`;
  console.log(`  files: ${[...files.roster, ...files.canvas].map(size).join(", ")}`);

  log("Family roster through the import engine");
  const roster = await importRun(template, "bench_roster", files.roster, seed, true);
  const copyAll = await bestCopy(template, "every row the roster import wrote", roster.captured.all);
  log("Canvas users.csv + user_observers.csv through the import engine");
  const canvas = await importRun(template, "bench_canvas", files.canvas, seed);
  const copyDomain = await bestCopy(
    template,
    "only the guardians, logins, links and enrollments",
    roster.captured.domain,
  );
  let e2e = null;
  if (!SKIP_E2E) {
    log(
      "End to end: the roster uploaded to POST …/sis_imports on scripts/serve.mjs, then a 1 %-changed re-import",
    );
    e2e = await e2eRun({ template, seed, roster: files.roster[0], dir, families: FAMILIES, secrets });
  }
  let api = null;
  if (!SKIP_API) {
    log(
      `API automation (seed article 002): ${n(SAMPLE)} families, ${CONCURRENCY} at a time, against next start`,
    );
    api = await apiRun({
      template,
      seed,
      secrets,
      sample: SAMPLE,
      concurrency: CONCURRENCY,
      families: FAMILIES,
    });
  }
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(
    `  load average now: ${load.join(" ")} on ${os.cpus().length} CPUs (shared with everything else)`,
  );
  report({ families: FAMILIES, copyAll, copyDomain, roster, canvas, e2e, api });
  return 0;
}

await runMain(main);
