// Summarises a V8 CPU profile (node --cpu-prof) by where the time went: self time per part of the
// stack (Next.js, React, the app's own code, Prisma, pg, Node's HTTP and streams, garbage collection,
// idle) and the heaviest functions. For docs/benchmarks.md's breakdown of a request.
//
//   BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:api
//   node scripts/profile-summary.mjs /tmp/prof/CPU.*.cpuprofile [top=25] [from-to seconds]
// Without a window it prints the busy time of each second, to find the load's window (a process's
// profile starts with its start-up: module loading and compiling are not a request's cost).
import fs from "node:fs";

const [file, topArg, windowArg] = process.argv.slice(2);
if (!file) {
  console.error("Usage: node scripts/profile-summary.mjs <file.cpuprofile> [top] [from-to seconds]");
  process.exit(2);
}
const TOP = Number(topArg ?? 25);
const [from, to] = windowArg ? windowArg.split("-").map((x) => Number(x) * 1e6) : [0, Infinity];
const profile = JSON.parse(fs.readFileSync(file, "utf8"));

/** The part of the stack a frame belongs to, from its script's URL and name. */
function partOf({ url, functionName }) {
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)") return "V8 (program)";
  if (/node_modules\/next\/dist\/compiled\/react|react-dom|react-server-dom/.test(url)) return "React";
  if (/node_modules\/next\//.test(url)) return "Next.js";
  if (/node_modules\/(@prisma|\.prisma)|generated\/prisma/.test(url)) return "Prisma";
  if (/node_modules\/(pg|pg-pool|pg-protocol|pg-types)\//.test(url)) return "pg";
  if (/node_modules\/next-auth|@auth\//.test(url)) return "Auth.js";
  if (/node_modules\/zod\//.test(url)) return "zod";
  if (/\.next\/server\//.test(url)) return "app (compiled)";
  if (/\/(lib|app|scripts)\//.test(url) && !/node_modules/.test(url)) return "app (source)";
  if (/^node:|internal\//.test(url)) return "Node.js (http, streams, crypto…)";
  if (!url) return "native / builtins";
  return "other node_modules";
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const perSecond = [];
// Samples are node ids; timeDeltas are the time before each sample (µs).
let clock = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  clock += dt;
  if (byId.get(id).callFrame.functionName !== "(idle)")
    perSecond[Math.floor(clock / 1e6)] = (perSecond[Math.floor(clock / 1e6)] ?? 0) + dt;
  if (clock >= from && clock < to) self.set(id, (self.get(id) ?? 0) + dt);
});
if (!windowArg)
  console.log(
    `Busy % per second (choose a window, e.g. 30-40):\n${perSecond.map((us, s) => `${s}:${Math.round((us ?? 0) / 1e4)}`).join(" ")}\n`,
  );

const parts = new Map();
const fns = new Map();
let total = 0;
for (const [id, us] of self) {
  const { callFrame } = byId.get(id);
  const part = partOf(callFrame);
  parts.set(part, (parts.get(part) ?? 0) + us);
  total += us;
  const key = `${callFrame.functionName || "(anonymous)"} ${callFrame.url.split("/").slice(-2).join("/")}:${callFrame.lineNumber + 1}`;
  fns.set(key, { us: (fns.get(key)?.us ?? 0) + us, part });
}
const busy = total - (parts.get("idle") ?? 0);
const pct = (us, of) => `${((100 * us) / of).toFixed(1)} %`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy\n`);
console.log("Self time by part (share of busy time):");
for (const [part, us] of [...parts].filter(([p]) => p !== "idle").sort((a, b) => b[1] - a[1]))
  console.log(`  ${part.padEnd(34)} ${(us / 1000).toFixed(0).padStart(7)} ms  ${pct(us, busy).padStart(7)}`);
console.log(`\nHeaviest ${TOP} functions (self time):`);
for (const [key, { us, part }] of [...fns]
  .filter(([, v]) => v.part !== "idle")
  .sort((a, b) => b[1].us - a[1].us)
  .slice(0, TOP))
  console.log(`  ${pct(us, busy).padStart(7)}  ${part.padEnd(22)} ${key}`);
