// bench:resilience's checks on two instances behind nginx: the client address the app sees,
// concurrent redemptions split across both, throttling counted once for both.
import pg from "pg";
import { api, redeem } from "./http-client.mjs";
import { addressFor, leaks, pool, statusWords } from "./resilience-load.mjs";

const REDEMPTION = "/api/v1/users/self/observees";

/** How many of `entries` (nginx access log) each instance served: "a 51 / b 49". */
export function splitWords(cluster, entries) {
  const counts = cluster.instances.map(
    (_, i) => entries.filter((e) => cluster.indexOf(e.upstream) === i).length,
  );
  return { counts, words: counts.map((n, i) => `instance ${i + 1}: ${n}`).join(", ") };
}

/** The address nginx saw is the one the app records; a client's own X-Forwarded-For is ignored. */
export async function clientAddress({ cluster, dbUrl, take }) {
  const [pair] = take(1);
  const from = "127.0.0.23";
  const code = (
    await api(cluster.url, pair.student, "POST", "/users/self/observer_pairing_codes", undefined, { from })
  ).json?.code;
  const r = await redeem(cluster.url, pair.observer, code, {
    from,
    headers: { "x-forwarded-for": "203.0.113.7" },
  });
  if (r.status !== 200) throw new Error(`redemption answered ${r.status}: ${r.text.slice(0, 200)}`);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const { rows } = await c.query(
    "SELECT DISTINCT ip FROM audit_events WHERE subject_id = $1 AND target_id = $2",
    [pair.studentId, pair.observerId],
  );
  await c.end();
  const ips = rows.map((row) => row.ip);
  if (ips.length !== 1 || ips[0] !== from)
    throw new Error(`the link's audit events record ${JSON.stringify(ips)}, expected ["${from}"]`);
  return `client 127.0.0.23 sending "X-Forwarded-For: 203.0.113.7" is audited as ${ips[0]}`;
}

/**
 * CODES codes, each redeemed by RACERS observers at once (from their own addresses), through the
 * proxy: exactly one link per code, no 5xx, and both instances served redemptions.
 */
export async function concurrentRedemptions({ cluster, dbUrl, take }, { codes = 100, racers = 3 } = {}) {
  const pairs = take(codes);
  const made = await pool(pairs, 8, async (p, i) => {
    const r = await api(cluster.url, p.student, "POST", "/users/self/observer_pairing_codes", undefined, {
      from: addressFor(i),
    });
    if (r.status !== 200) throw new Error(`making a code: ${r.status}`);
    return r.json.code;
  });
  const before = cluster.nginx.accessLog().length;
  // Racer k of code i is pair (i + k)'s observer: the code's own observer and two others.
  const attempts = pairs.flatMap((_, i) =>
    Array.from({ length: racers }, (__, k) => ({ i, observer: pairs[(i + k) % codes] })),
  );
  const answers = await pool(attempts, 24, async (a, n) => {
    const r = await redeem(cluster.url, a.observer.observer, made[a.i], { from: addressFor(1000 + n) });
    return { ...a, status: r.status, body: r.text?.slice(0, 300) };
  });
  const log = cluster.nginx
    .accessLog()
    .slice(before)
    .filter((e) => e.method === "POST" && e.uri === REDEMPTION);
  const split = splitWords(cluster, log);
  const winners = pairs.map((_, i) => answers.filter((a) => a.i === i && a.status === 200).length);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const { rows } = await c.query(
    `SELECT student_id, count(*)::int AS n FROM observation_links
      WHERE student_id = ANY($1::int[]) AND observer_id = ANY($2::int[]) AND workflow_state = 'active' GROUP BY student_id`,
    [pairs.map((p) => p.studentId), pairs.map((p) => p.observerId)],
  );
  await c.end();
  const links = new Map(rows.map((r) => [r.student_id, r.n]));
  const problems = [];
  if (winners.some((w) => w !== 1))
    problems.push(`codes without exactly one 200: ${winners.filter((w) => w !== 1).length}`);
  if (pairs.some((p) => links.get(p.studentId) !== 1)) problems.push("a code with other than one link");
  if (answers.some((a) => a.status >= 500 || a.status === 0)) problems.push(`5xx: ${statusWords(answers)}`);
  if (leaks(answers).length) problems.push("an error body leaks internals");
  if (split.counts.some((n) => n === 0)) problems.push(`one instance served none (${split.words})`);
  const detail = `${codes} codes × ${racers} racers: ${statusWords(answers)}; ${rows.reduce((a, r) => a + r.n, 0)} links for ${rows.length} codes; redemptions ${split.words}`;
  if (problems.length) throw new Error(`${problems.join("; ")} — ${detail}`);
  return detail;
}

/**
 * One observer guessing wrong codes from one address, the guesses alternating between the
 * instances: once refused (429), every later guess is refused by both — one count, not one per instance.
 */
export async function sharedThrottling({ cluster, take }) {
  const [pair] = take(1);
  const from = "127.0.0.77";
  const answers = [];
  let firstRefusal = -1;
  for (let n = 0; n < 200 && (firstRefusal < 0 || n < firstRefusal + 6); n++) {
    const wrong = `ZZZZ${String(n).padStart(4, "0")}`.replace(/[^0-9A-Z]/g, "0");
    const r = await redeem(cluster.url, pair.observer, wrong, { from });
    answers.push({ status: r.status, instance: cluster.indexOf(r.servedBy) });
    if (r.status === 429 && firstRefusal < 0) firstRefusal = n;
  }
  if (firstRefusal < 0)
    throw new Error(`no refusal after ${answers.length} wrong guesses: ${statusWords(answers)}`);
  const before = answers.slice(0, firstRefusal);
  const after = answers.slice(firstRefusal);
  const servedBefore = new Set(before.map((a) => a.instance));
  const servedAfter = new Set(after.map((a) => a.instance));
  const detail = `${firstRefusal} wrong guesses answered (instances ${[...servedBefore].map((i) => i + 1).join(" and ")}), then ${after.length} refused 429 by instances ${[...servedAfter].map((i) => i + 1).join(" and ")}`;
  if (before.some((a) => a.status !== 400 && a.status !== 404 && a.status !== 422))
    throw new Error(`unexpected answers before the limit: ${statusWords(before)}`);
  if (after.some((a) => a.status !== 429))
    throw new Error(`a guess past the limit was not refused — ${detail}`);
  if (servedBefore.size < 2 || servedAfter.size < 2)
    throw new Error(`both instances must take part — ${detail}`);
  return detail;
}
