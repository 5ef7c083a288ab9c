// bench:resilience's data: bench:api's seed (a default school answering 127.0.0.1, students,
// observers, API tokens for (student, spare observer) pairs) plus a password on a few observers'
// logins for the browser-like session checks.
import crypto from "node:crypto";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { seed } from "./bench-api-seed.mjs";

export const SESSION_PASSWORD = "resilience-pass-2026";

const sha256 = (s) => crypto.createHash("sha256").update(s).digest("hex");

/**
 * `pairs`: { student, observer (tokens), studentId, observerId } with no link between them yet;
 * `people`: observers who sign in with SESSION_PASSWORD, each with a student of their own to pair with.
 */
export async function seedResilience(url, { pairs, people = 4 }) {
  const data = await seed(url, { STUDENTS: 2000, REDEMPTIONS: pairs + people });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query("SELECT user_id, digest FROM access_tokens");
    const userOf = new Map(rows.map((r) => [r.digest, r.user_id]));
    const all = data.pairs.map((p) => ({
      ...p,
      studentId: userOf.get(sha256(p.student)),
      observerId: userOf.get(sha256(p.observer)),
    }));
    const passwordHash = await hash(SESSION_PASSWORD);
    const folks = all.slice(pairs);
    const logins = await c.query(
      "UPDATE logins SET password_hash = $1 WHERE user_id = ANY($2::int[]) RETURNING user_id, unique_id",
      [passwordHash, folks.map((p) => p.observerId)],
    );
    const loginOf = new Map(logins.rows.map((r) => [r.user_id, r.unique_id]));
    return {
      pairs: all.slice(0, pairs),
      people: folks.map((p) => ({ ...p, login: loginOf.get(p.observerId) })),
    };
  } finally {
    await c.end();
  }
}
