// bench:resilience's "nobody innocent is locked out" checks (issue 18 §2), through nginx and both
// instances: a school's NAT at back-to-school night, a district's automation with an admin's
// token, and a parent whose email a stranger typed. Each prints how many got in.
import pg from "pg";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import { api, newCode, redeem, request } from "./http-client.mjs";
import { pool, statusWords } from "./resilience-load.mjs";

/** What a REST client does with a 429's challenge (lib/identity/throttle/challenge-solve.ts). */
async function solved(challenge) {
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 0 });
  if (!solution) throw new Error("the challenge was not solved");
  return btoa(
    JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } }),
  );
}

/** Sends `send(challenge)` again with a solved challenge whenever one is asked for; counts them. */
async function solvingChallenges(send, counts) {
  let challenge;
  for (let tries = 0; tries < 5; tries++) {
    const r = await send(challenge);
    if (r.status !== 429 || !r.json?.challenge) return r;
    counts.challenges++;
    challenge = await solved(r.json.challenge);
  }
  throw new Error("asked for a challenge five times in a row");
}

/**
 * 120 families register their codes from one address (a school's NAT), one in three mistyping
 * first: past the address's 30 failures each attempt asks for a challenge, which the client
 * solves. All 120 must link.
 */
export async function schoolWifi({ cluster, take }) {
  const pairs = take(120);
  const from = "127.0.0.88";
  const codes = await pool(pairs, 8, (p) => newCode(cluster.url, p.student, { from: "127.0.1.1" }));
  const counts = { challenges: 0 };
  const answers = [];
  for (const [i, p] of pairs.entries()) {
    const send = (code) => (challenge) =>
      api(
        cluster.url,
        p.observer,
        "POST",
        "/users/self/observees",
        { pairing_code: code, challenge },
        { from },
      );
    if (i % 3 === 0) answers.push({ ...(await solvingChallenges(send("ZZZZ-ZZZZ"), counts)), typo: true });
    answers.push(await solvingChallenges(send(codes[i]), counts));
  }
  const linked = answers.filter((a) => !a.typo && a.status === 200).length;
  const detail = `${linked} of 120 families linked from one address (40 mistyped first; ${counts.challenges} challenges solved); answers ${statusWords(answers)}`;
  if (linked !== 120) throw new Error(detail);
  return detail;
}

/**
 * After 31 wrong codes from the district office's address, the district's automation (seed
 * 002's flow with a root admin's token) from that same address pairs 20 families: all 20 must,
 * and its own 5 slips are audited but never throttle it.
 */
export async function districtAutomation({ cluster, dbUrl, take }) {
  const [adminPair, ...rest] = take(1 + 31 + 20);
  const strangers = rest.slice(0, 31);
  const families = rest.slice(31);
  const from = "127.0.0.99";
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO account_admins (account_id, user_id) SELECT id, $1 FROM accounts WHERE is_default`,
      [adminPair.observerId],
    );
    for (const s of strangers) await redeem(cluster.url, s.observer, "ZZZZ-ZZZZ", { from });
    const admin = adminPair.observer;
    const slips = [];
    for (const f of families.slice(0, 5))
      slips.push(
        await api(
          cluster.url,
          admin,
          "POST",
          `/users/${f.observerId}/observees`,
          { pairing_code: "ZZZZ-ZZZZ" },
          { from },
        ),
      );
    const answers = [];
    for (const f of families) {
      const code = await newCode(cluster.url, f.student, { from: "127.0.1.2" });
      answers.push(
        await api(
          cluster.url,
          admin,
          "POST",
          `/users/${f.observerId}/observees`,
          { pairing_code: code },
          { from },
        ),
      );
    }
    const paired = answers.filter((a) => a.status === 200).length;
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'code.failed' AND actor_id = $1`,
      [adminPair.observerId],
    );
    const detail = `${paired} of 20 families paired by the automation after 31 failures from its address; its 5 slips answered ${statusWords(slips)} and audited ${rows[0].n} times`;
    if (paired !== 20 || rows[0].n !== 5) throw new Error(`${detail}; answers ${statusWords(answers)}`);
    return detail;
  } finally {
    await c.end();
  }
}

/**
 * A stranger registers 10 times naming a parent's email with wrong codes from one address; the
 * parent, from home with the right code, registers and links.
 */
export async function victimEmail({ cluster, take }) {
  const [pair] = take(1);
  const email = `victim-${Date.now()}@home.example`;
  const body = (code, challenge) => ({
    user: { name: "Val Parent", initial_enrollment_type: "observer" },
    pseudonym: { unique_id: email, password: "a-long-passphrase-2026" },
    pairing_code: { code },
    ...(challenge ? { challenge } : {}),
  });
  const register = (code, from, challenge) =>
    request(cluster.url, "POST", "/api/v1/accounts/self/users", { body: body(code, challenge), from });
  const stranger = [];
  for (let i = 0; i < 10; i++) stranger.push(await register("ZZZZ-ZZZZ", "127.0.0.66"));
  const code = await newCode(cluster.url, pair.student, { from: "127.0.1.3" });
  const parent = await solvingChallenges((challenge) => register(code, "127.0.0.67", challenge), {
    challenges: 0,
  });
  const detail = `the stranger's 10 registrations answered ${statusWords(stranger)}; the parent then registered and linked: ${parent.status}`;
  if (parent.status !== 200) throw new Error(`${detail} ${parent.text?.slice(0, 200)}`);
  return detail;
}
