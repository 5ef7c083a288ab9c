// The benchmark's data, written with plain SQL (not through the app): STUDENTS students, as many
// observers, an observer with 3 students, tokens, and a code per redemption pair.
import crypto from "node:crypto";
import pg from "pg";

const sha256 = (s) => crypto.createHash("sha256").update(s).digest("hex");

export async function seed(url, { STUDENTS, REDEMPTIONS }) {
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
