// The load bench:resilience puts on the instances: pairings (a student makes a code, their
// observer redeems it), retried the way a person would press again, and the database-side
// invariant that no write was lost or half made.
import pg from "pg";
import { api, redeem } from "./http-client.mjs";

/**
 * Runs `fn` over `items` with at most `concurrency` at once; resolves with the results in order.
 * Past `until` (a Date.now() value) no further item is started: its result stays undefined.
 */
export async function pool(items, concurrency, fn, { until = Infinity } = {}) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && Date.now() < until) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** A client address of its own for item `i` (a /24 each), so per-IP limits do not mix the checks' traffic. */
export const addressFor = (i) => `127.${100 + Math.floor(i / 250)}.${i % 250}.1`;

const retryable = (s) => s === 0 || s >= 500 || s === 429;

/**
 * One pairing: make a code, redeem it; each step tried up to `tries` times while the answer is a
 * connection error, a 5xx or a 429 (a lost backend, a restarting database). Every answer is kept.
 */
export async function pairOnce(base, pair, { from, tries = 1, pauseMs = 200, timeoutMs } = {}) {
  const answers = [];
  const step = async (fn) => {
    for (let t = 0; t < tries; t++) {
      const r = await fn();
      answers.push({ status: r.status, servedBy: r.servedBy, body: r.text?.slice(0, 300), at: Date.now() });
      if (!retryable(r.status) || t === tries - 1) return r;
      await new Promise((res) => setTimeout(res, pauseMs));
    }
  };
  const made = await step(() =>
    api(base, pair.student, "POST", "/users/self/observer_pairing_codes", undefined, { from, timeoutMs }),
  );
  if (made.status !== 200) return { pair, ok: false, answers };
  const redeemed = await step(() => redeem(base, pair.observer, made.json.code, { from, timeoutMs }));
  return { pair, ok: redeemed.status === 200, answers, code: made.json.code };
}

/** 5xx answers whose body looks like a stack trace or an internal error text. */
export const leaks = (answers) =>
  answers.filter(
    (a) =>
      a.body &&
      (/\n\s+at .+\(.+:\d+:\d+\)/.test(a.body) ||
        /PrismaClient|ECONNREFUSED|terminating connection/.test(a.body)),
  );

/**
 * The invariant for the pairs of one check: each pair is linked exactly when one of its codes
 * was redeemed by its observer, and every pairing answered 200 is linked (no lost write).
 */
export async function checkPairs(url, results) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const students = results.map((r) => r.pair.studentId);
    const observers = results.map((r) => r.pair.observerId);
    const { rows } = await c.query(
      `SELECT s, o,
         EXISTS (SELECT 1 FROM observation_links l WHERE l.student_id = s AND l.observer_id = o AND l.workflow_state = 'active') AS linked,
         (SELECT count(*)::int FROM pairing_codes c WHERE c.student_id = s AND c.redeemed_by_id = o AND c.workflow_state = 'redeemed') AS redeemed
       FROM unnest($1::int[], $2::int[]) AS t(s, o)`,
      [students, observers],
    );
    const lost = rows.filter((r, i) => results[i].ok && !r.linked).length;
    const half = rows.filter((r) => r.linked !== r.redeemed > 0 || r.redeemed > 1).length;
    const linked = rows.filter((r) => r.linked).length;
    return { lost, half, linked, total: rows.length };
  } finally {
    await c.end();
  }
}

/** Counts answers by status: "200×290, 502×3" ("none" for no answers). */
export function statusWords(answers) {
  if (answers.length === 0) return "none";
  const by = new Map();
  for (const a of answers) by.set(a.status, (by.get(a.status) ?? 0) + 1);
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s || "no answer"}×${n}`)
    .join(", ");
}
