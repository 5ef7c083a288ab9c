// bench:resilience's capacity and soak. The unit of work is a family's pairing cycle through the
// proxy: the student makes a code, the observer redeems it, lists their students, and unlinks
// again (so a fixed set of pairs can cycle for ten minutes). Capacity: cycles/s with every
// worker busy; soak: half that rate, open loop, with each instance's RSS read from /proc.
import fs from "node:fs";
import { api, redeem } from "./http-client.mjs";
import { addressFor } from "./resilience-load.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One cycle; returns the statuses that were not what a working app answers. */
async function cycle(base, pair, from) {
  const bad = [];
  const expect = (r, what) => {
    if (r.status !== 200) bad.push(`${what} ${r.status || "no answer"}`);
    return r.status === 200;
  };
  const made = await api(base, pair.student, "POST", "/users/self/observer_pairing_codes", undefined, {
    from,
  });
  if (!expect(made, "code")) return bad;
  if (!expect(await redeem(base, pair.observer, made.json.code, { from }), "redeem")) return bad;
  expect(
    await api(base, pair.observer, "GET", "/users/self/observees?per_page=50", undefined, { from }),
    "list",
  );
  expect(
    await api(base, pair.observer, "DELETE", `/users/self/observees/${pair.studentId}`, undefined, { from }),
    "unlink",
  );
  return bad;
}

/** Pairs lent to one cycle at a time. */
function lender(pairs) {
  const free = pairs.map((p, i) => ({ p, from: addressFor(5000 + i) }));
  return {
    async run(base, errors) {
      while (!free.length) await sleep(5);
      const item = free.shift();
      const bad = await cycle(base, item.p, item.from);
      errors.push(...bad);
      free.push(item);
    },
  };
}

/** Cycles per second with `workers` cycles always in flight, over `seconds`. */
export async function measureCapacity(base, pairs, { seconds = 30, workers = 16 } = {}) {
  const lend = lender(pairs);
  const errors = [];
  let cycles = 0;
  const end = Date.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < end) {
        await lend.run(base, errors);
        cycles++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { rate: cycles / elapsed, cycles, errors, seconds: elapsed };
}

/** Resident set size of a process, in MB (VmRSS in /proc). */
export function rssMB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * `rate` cycles/s for `seconds`, started on a fixed schedule whatever the answers' speed (an open
 * loop: a slowing app would pile up work rather than get less). RSS of each pid every 10 s.
 */
export async function soak(base, pairs, { rate, seconds, pids, onSample = () => {} }) {
  const lend = lender(pairs);
  const errors = [];
  const samples = [];
  const inFlight = new Set();
  let started = 0;
  const t0 = Date.now();
  const sample = () => {
    const s = { t: (Date.now() - t0) / 1000, rss: pids.map(rssMB), inFlight: inFlight.size };
    samples.push(s);
    onSample(s);
  };
  sample();
  const sampler = setInterval(sample, 10_000);
  while (Date.now() - t0 < seconds * 1000) {
    const due = t0 + (started * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    started++;
    const job = lend.run(base, errors).finally(() => inFlight.delete(job));
    inFlight.add(job);
  }
  await Promise.all(inFlight);
  clearInterval(sampler);
  sample();
  return { started, errors, samples, seconds: (Date.now() - t0) / 1000 };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The soak check: capacity first (30 s, every worker busy), then `seconds` at half of it. RSS
 * growth compares each instance's mean over the soak's first minute with its last minute (single
 * samples swing with the garbage collector); it must stay under 10 %, with 0 errors.
 */
export async function soakCheck({ cluster, take }, seconds) {
  const pairs = take(200);
  const cap = await measureCapacity(cluster.url, pairs, { seconds: 30 });
  if (cap.errors.length)
    throw new Error(`capacity run: ${cap.errors.length} errors (${cap.errors.slice(0, 5).join(", ")})`);
  const rate = cap.rate / 2;
  const pids = cluster.instances.map((i) => i.child.pid);
  console.log(
    `  capacity ${cap.rate.toFixed(1)} cycles/s (${(cap.rate * 4).toFixed(0)} req/s; 4 requests a cycle); soaking at ${rate.toFixed(1)} cycles/s for ${seconds} s`,
  );
  const r = await soak(cluster.url, pairs, {
    rate,
    seconds,
    pids,
    onSample: (s) => {
      if (Math.round(s.t) % 60 < 10)
        console.log(
          `  t=${s.t.toFixed(0)} s RSS ${s.rss.map((m) => m.toFixed(0) + " MB").join(" / ")}, ${s.inFlight} cycles in flight`,
        );
    },
  });
  const window = Math.min(60, seconds / 4);
  const first = r.samples.filter((s) => s.t <= window);
  const last = r.samples.filter((s) => s.t >= r.seconds - window);
  const growth = pids.map((_, i) => {
    const a = mean(first.map((s) => s.rss[i]));
    const b = mean(last.map((s) => s.rss[i]));
    return { a, b, pct: ((b - a) / a) * 100 };
  });
  const peak = pids.map((_, i) => Math.max(...r.samples.map((s) => s.rss[i])));
  const detail =
    `capacity ${cap.rate.toFixed(1)} cycles/s (${(cap.rate * 4).toFixed(0)} req/s), soak ${r.started} cycles at ${rate.toFixed(1)}/s in ${r.seconds.toFixed(0)} s, ` +
    `${r.errors.length} errors; RSS ${growth.map((g, i) => `instance ${i + 1} ${g.a.toFixed(0)} → ${g.b.toFixed(0)} MB (${g.pct >= 0 ? "+" : ""}${g.pct.toFixed(1)} %, peak ${peak[i].toFixed(0)} MB)`).join(", ")}`;
  const problems = [];
  if (r.errors.length) problems.push(`errors: ${[...new Set(r.errors)].slice(0, 5).join(", ")}`);
  if (growth.some((g) => !(g.pct < 10))) problems.push("RSS grew 10 % or more");
  if (problems.length) throw new Error(`${problems.join("; ")} — ${detail}`);
  return detail;
}
