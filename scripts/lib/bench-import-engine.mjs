// One import through the engine, in this process, as the CLI runs it: createSisImport (staging,
// no job queue) then runSisImport. Started by scripts/bench-import.mjs as its own process (node
// --conditions=react-server --import tsx) so that its peak RSS is the import's alone. Input: the
// BENCH_ENGINE JSON ({ files, accountId, adminId }); output: one JSON line on stdout.
// With BENCH_PROFILE=1, every SQL statement is timed and the slowest kinds go to stderr, with the
// plan (EXPLAIN ANALYZE, from auto_explain, which the benchmark turns on for the database) of the
// slowest run of each slow statement.
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

const input = JSON.parse(process.env.BENCH_ENGINE);
const profile = new Map();
const plans = new Map(); // statement → its slowest auto_explain plan

function keepPlan(notice) {
  const m =
    /^duration: ([\d.]+) ms\s+plan:\s*Query Text: ([\s\S]*?)\n(\s*(?:Insert|Update|Delete|Limit|Hash|Nested|Merge|Sort|Aggregate|Group|Seq|Index|Bitmap|Unique|WindowAgg|Result|CTE|Subquery|Function|Append|Gather)[\s\S]*)$/.exec(
      notice.message ?? "",
    );
  if (!m) return;
  const key = m[2].replace(/\s+/g, " ").trim().slice(0, 160);
  if ((plans.get(key)?.ms ?? 0) < Number(m[1])) plans.set(key, { ms: Number(m[1]), plan: m[3] });
}

if (process.env.BENCH_PROFILE === "1") {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values, callback) {
    if (!this.benchNotices) {
      this.benchNotices = true;
      this.on("notice", keepPlan);
    }
    const text = typeof config === "string" ? config : config?.text;
    const result = query.call(this, config, values, callback);
    if (!text || typeof result?.then !== "function") return result;
    const t0 = performance.now();
    const key = text.replace(/\s+/g, " ").trim().slice(0, 160);
    return result.then((r) => {
      const p = profile.get(key) ?? { ms: 0, calls: 0, rows: 0 };
      p.ms += performance.now() - t0;
      p.calls += 1;
      p.rows += r?.rowCount ?? 0;
      profile.set(key, p);
      return r;
    });
  };
}

const { loadActor } = await import("../../lib/accounts/actor.ts");
const { createSisImport, getSisImport } = await import("../../lib/imports/imports.ts");
const { runSisImport } = await import("../../lib/imports/run.ts");
const { db, pool } = await import("../../lib/platform/db.ts");

const actor = await loadActor(input.adminId, {
  domainRootAccountId: input.accountId,
  ip: null,
  via: "token",
});
const peakMB = () => process.resourceUsage().maxRSS / 1024;
const startRssMB = peakMB(); // node, tsx, Prisma and the lib loaded
const t0 = performance.now();
const files = await Promise.all(
  input.files.map(async (f) => ({ name: path.basename(f), data: await fs.readFile(f) })),
);
const created = await createSisImport(actor, {
  accountId: input.accountId,
  files,
  origin: "http://bench.test",
  enqueue: false,
});
const t1 = performance.now();
const stagePeakRssMB = peakMB();
const result = await runSisImport(created.id);
const t2 = performance.now();
const done = await getSisImport(actor, { accountId: input.accountId, importId: created.id });

if (profile.size) {
  const top = [...profile.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
  const total = [...profile.values()].reduce((a, p) => a + p.ms, 0);
  process.stderr.write(`  SQL time by statement (total ${(total / 1000).toFixed(1)} s):\n`);
  for (const [text, p] of top)
    process.stderr.write(
      `  ${(p.ms / 1000).toFixed(2).padStart(7)} s ${String(p.calls).padStart(5)}× ${String(p.rows).padStart(7)} rows  ${text}\n`,
    );
  for (const [text, p] of [...plans.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8))
    process.stderr.write(`\n  slowest run, ${p.ms.toFixed(0)} ms: ${text}\n${p.plan}\n`);
}
process.stdout.write(
  JSON.stringify({
    result,
    state: done.workflow_state,
    totalRows: done.total_rows,
    counts: done.data.counts,
    stageSeconds: (t1 - t0) / 1000,
    applySeconds: (t2 - t1) / 1000,
    startRssMB,
    stagePeakRssMB,
    peakRssMB: peakMB(),
  }) + "\n",
);
await db.$disconnect();
await pool.end();
process.exit(0);
