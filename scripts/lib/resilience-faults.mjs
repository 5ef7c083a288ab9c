// bench:resilience's fault checks: an instance killed mid-load, database backends terminated
// under redemptions, PostgreSQL restarted — each followed by the invariant (no lost or half-made
// write) and by proof that the app serves on without being restarted.
import pg from "pg";
import { splitWords } from "./resilience-checks.mjs";
import { addressFor, checkPairs, leaks, pairOnce, pool, statusWords } from "./resilience-load.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function verdict(problems, detail) {
  if (problems.length) throw new Error(`${problems.join("; ")} — ${detail}`);
  return detail;
}

/** The pairings must all end linked, each exactly once, with every 200 kept. */
async function invariant(dbUrl, results, problems) {
  const inv = await checkPairs(dbUrl, results);
  if (inv.lost) problems.push(`${inv.lost} acknowledged pairings lost`);
  if (inv.half) problems.push(`${inv.half} half-made (code redeemed ⇎ link)`);
  if (inv.linked !== inv.total) problems.push(`${inv.total - inv.linked} pairings not linked after retries`);
  return inv;
}

/** Each pairing in turn must succeed at once: the app serves normally again. */
async function servesNormally(base, pairs, offset) {
  const results = await pool(pairs, 4, (p, i) =>
    pairOnce(base, p, { from: addressFor(offset + i), timeoutMs: 10_000 }),
  );
  return results.filter((r) => !r.ok).length;
}

/**
 * PAIRINGS pairings through the proxy, CONCURRENCY at a time; when a third are done, instance 2 is
 * killed (SIGKILL). Requests in flight on it may fail (nginx answers 502 for a request it already
 * sent); a client retries those. Everything after is served by the survivor.
 */
export async function killInstanceMidLoad(
  { cluster, dbUrl, take },
  { pairings = 300, concurrency = 12 } = {},
) {
  const pairs = take(pairings + 20);
  const load = pairs.slice(0, pairings);
  let done = 0;
  let killedAt = 0;
  const killing = (async () => {
    while (done < pairings / 3) await sleep(20);
    await cluster.kill(1);
    killedAt = Date.now();
  })();
  const results = await pool(load, concurrency, async (p, i) => {
    const r = await pairOnce(cluster.url, p, { from: addressFor(2000 + i), tries: 3 });
    done++;
    return r;
  });
  await killing;
  const answers = results.flatMap((r) => r.answers);
  const failed = answers.filter((a) => a.status !== 200);
  const late = failed.filter((a) => a.at > killedAt + 1000);
  const afterKill = answers.filter((a) => a.at > killedAt + 200);
  const survivor = new Set(afterKill.filter((a) => a.status === 200).map((a) => cluster.indexOf(a.servedBy)));
  const problems = [];
  const inv = await invariant(dbUrl, results, problems);
  if (late.length)
    problems.push(`${late.length} failures more than 1 s after the kill (${statusWords(late)})`);
  if (survivor.has(1)) problems.push("the killed instance still answered");
  if (leaks(answers).length) problems.push("an error body leaks internals");
  const after = await servesNormally(cluster.url, pairs.slice(pairings), 2500);
  if (after) problems.push(`${after} of 20 pairings failed afterwards`);
  const t0 = Date.now();
  await cluster.restart(1);
  const detail =
    `${pairings} pairings, instance 2 killed after ${Math.round(pairings / 3)}: answers ${statusWords(answers)} ` +
    `(${failed.length} failed in flight, retried); ${afterKill.length} answers after the kill, every success by instance 1; ` +
    `${inv.linked}/${inv.total} linked, 0 lost; instance 2 back in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  return verdict(problems, detail);
}

/** Terminates every client backend of the app's database, as a failover or an admin would. */
async function terminateBackends(dbUrl) {
  const c = new pg.Client({ connectionString: dbUrl });
  c.on("error", () => {});
  await c.connect();
  const { rows } = await c.query(
    `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  await c.end();
  return rows[0].n;
}

/**
 * PAIRINGS redemptions, 10 at a time, with every app backend terminated every 500 ms for the first
 * STORM_MS (a failover storm). Requests of that moment may fail (a person retries, here up to 6
 * times); what must hold: no acknowledged pairing lost, none half made, no request left hanging,
 * no internals in an error, and the app serving normally right after, without a restart.
 */
export async function terminateDuringRedemptions(
  { cluster, dbUrl, take },
  { pairings = 200, stormMs = 15_000 } = {},
) {
  const pairs = take(pairings + 20);
  const stormEnd = Date.now() + stormMs;
  let killed = 0;
  let rounds = 0;
  const killer = (async () => {
    while (Date.now() < stormEnd) {
      killed += await terminateBackends(dbUrl).catch(() => 0);
      rounds++;
      await sleep(500);
    }
  })();
  const results = await pool(pairs.slice(0, pairings), 10, (p, i) =>
    pairOnce(cluster.url, p, { from: addressFor(3000 + i), tries: 6, pauseMs: 500, timeoutMs: 20_000 }),
  );
  await killer;
  const answers = results.flatMap((r) => r.answers);
  const inStorm = answers.filter((a) => a.at <= stormEnd + 1000);
  const afterStorm = answers.filter((a) => a.at > stormEnd + 1000);
  const problems = [];
  const inv = await checkPairs(dbUrl, results);
  if (inv.lost) problems.push(`${inv.lost} acknowledged pairings lost`);
  if (inv.half) problems.push(`${inv.half} half-made (code redeemed ⇎ link)`);
  const hung = answers.filter((a) => a.status === 0).length;
  if (hung) problems.push(`${hung} requests unanswered (20 s each)`);
  if (leaks(answers).length) problems.push(`${leaks(answers).length} error bodies leak internals`);
  const lateFailures = afterStorm.filter((a) => a.status >= 500 || a.status === 429);
  if (lateFailures.length)
    problems.push(`${lateFailures.length} failures after the storm (${statusWords(lateFailures)})`);
  const after = await servesNormally(cluster.url, pairs.slice(pairings), 3500);
  if (after) problems.push(`${after} of 20 pairings failed after the terminations stopped`);
  const detail =
    `${pairings} pairings, ${killed} backends terminated in ${rounds} rounds over ${stormMs / 1000} s: ` +
    `answers during it ${statusWords(inStorm)}, after it ${statusWords(afterStorm)}; ` +
    `${inv.linked}/${inv.total} linked (the rest gave up after 6 tries in the storm), 0 lost, 0 half-made; 20/20 pairings right after`;
  return verdict(problems, detail);
}

/**
 * PostgreSQL restarted (a clean shutdown, then a start on the same data) under a trickle of
 * pairings: the instances, never restarted, serve again, and no pairing was lost or half made.
 */
export async function restartPostgres({ cluster, dbUrl, take, database }, { pairings = 60 } = {}) {
  const pairs = take(pairings + 20);
  const pids = cluster.instances.map((i) => i.child.pid);
  let upAt = 0;
  let downAt = 0;
  const restart = (async () => {
    await sleep(1500);
    downAt = Date.now();
    await database.restart("fast");
    upAt = Date.now();
  })();
  const all = await pool(
    pairs.slice(0, pairings),
    3,
    async (p, i) => {
      await sleep(150);
      return pairOnce(cluster.url, p, {
        from: addressFor(4000 + i),
        tries: 40,
        pauseMs: 500,
        timeoutMs: 10_000,
      });
    },
    { until: Date.now() + 120_000 },
  );
  await restart;
  const results = all.filter(Boolean);
  const answers = results.flatMap((r) => r.answers);
  const firstOk = answers.filter((a) => a.status === 200 && a.at > upAt).sort((a, b) => a.at - b.at)[0];
  const problems = [];
  if (results.length < pairings)
    problems.push(`${pairings - results.length} pairings never started within 120 s`);
  const inv = await invariant(dbUrl, results, problems);
  if (leaks(answers).length) problems.push(`${leaks(answers).length} error bodies leak internals`);
  if (cluster.instances.some((inst, i) => inst.child.pid !== pids[i] || inst.child.exitCode !== null))
    problems.push("an instance exited or was restarted");
  const after = await servesNormally(cluster.url, pairs.slice(pairings), 4500);
  if (after) problems.push(`${after} of 20 pairings failed after the restart`);
  const log = cluster.nginx.accessLog().filter((e) => e.method === "POST");
  const detail =
    `database down ${((upAt - downAt) / 1000).toFixed(1)} s under ${pairings} pairings: answers ${statusWords(answers)}; ` +
    `first success ${firstOk ? ((firstOk.at - upAt) / 1000).toFixed(1) + " s" : "never"} after it was back; ` +
    `${inv.linked}/${inv.total} linked, 0 lost; instances not restarted; posts so far ${splitWords(cluster, log).words}`;
  return verdict(problems, detail);
}
