// bench:import's world, from one set of formulas: FAMILIES students (each with an SIS id, in one
// or two of FAMILIES/50 courses) seeded in plain SQL, and the same families written as a family
// roster and as Canvas's users.csv + user_observers.csv. One student in ten is the younger
// sibling of another and shares that one's guardian (so FAMILIES·9/10 guardians); most siblings
// land in the same batch of the import, every twentieth in an earlier one.
import crypto from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import pg from "pg";

export const STUDENT_BASE = 10_000; // student i is user STUDENT_BASE + i
export const RELATIONSHIPS = ["mother", "father", "guardian"];

/** The student whose guardian student i shares, or i itself. */
export const primaryOf = (i) => (i % 10 !== 9 ? i : i % 20 === 19 && i >= 2000 ? i - 1995 : i - 5);
export const coursesPerStudent = (i) => (i % 2 === 0 ? 2 : 1);
export const courseCount = (n) => Math.max(2, Math.floor(n / 50));
/** The course indexes (0-based) student i is enrolled in. */
export const coursesOf = (i, n) => {
  const c = courseCount(n);
  return coursesPerStudent(i) === 2 ? [i % c, (i + Math.floor(c / 2)) % c] : [i % c];
};

// Fixed width, as SIS ids usually are: a search for one matches no other (the API baseline's
// search returns one user, not S3, S30, S300…).
const pad = (i) => String(i).padStart(7, "0");
export const studentSis = (i) => `S${pad(i)}`;
export const guardian = (p) => ({
  sis: `G${p}`,
  email: `parent${p}@families.bench.test`,
  first: "Pat",
  last: `Family${p}`,
});

/** What a correct import leaves behind, for checking each run. */
export function expected(n) {
  let enrollments = 0;
  for (let i = 0; i < n; i++) enrollments += coursesPerStudent(i);
  return { guardians: n - n / 10, links: n, observerEnrollments: enrollments };
}

const sha256 = (s) => crypto.createHash("sha256").update(s).digest("hex");

/** The template database: a default root account, its admin (with an API token), courses, students. */
export async function seedSchool(url, n) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (sql, params) => c.query(sql, params);
  await q("BEGIN");
  const root = (
    await q(`INSERT INTO accounts (name, is_default, self_registration, updated_at)
             VALUES ('Bench Unified School District', true, 'observers', now()) RETURNING id`)
  ).rows[0].id;
  const admin = (
    await q(`INSERT INTO users (name, sortable_name, short_name, email, updated_at)
             VALUES ('Ada Admin', 'Admin, Ada', 'Ada', 'admin@bench.test', now()) RETURNING id`)
  ).rows[0].id;
  await q(
    `INSERT INTO logins (user_id, root_account_id, unique_id, unique_id_normalized, updated_at)
     VALUES ($1, $2, 'admin@bench.test', 'admin@bench.test', now())`,
    [admin, root],
  );
  await q(`INSERT INTO account_admins (account_id, user_id) VALUES ($1, $2)`, [root, admin]);
  const token = "opk_" + crypto.randomBytes(32).toString("base64url");
  await q(`INSERT INTO access_tokens (user_id, digest, hint, purpose) VALUES ($1, $2, $3, 'bench')`, [
    admin,
    sha256(token),
    token.slice(-4),
  ]);
  const courses = (
    await q(
      `INSERT INTO courses (account_id, root_account_id, name, course_code, updated_at)
       SELECT $1, $1, 'Course ' || g, 'C' || g, now() FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [root, courseCount(n)],
    )
  ).rows.map((r) => r.id);
  // Students in one statement each for users, logins and enrollments; names carry the family name.
  await q(
    `INSERT INTO users (id, name, sortable_name, short_name, email, updated_at)
     SELECT $1::int + i, 'Kid' || i || ' Family' || p, 'Family' || p || ', Kid' || i, 'Kid' || i,
            's' || lpad(i::text, 7, '0') || '@students.bench.test', now()
       FROM generate_series(0, $2::int - 1) i,
            LATERAL (SELECT CASE WHEN i % 10 <> 9 THEN i WHEN i % 20 = 19 AND i >= 2000 THEN i - 1995 ELSE i - 5 END) x(p)`,
    [STUDENT_BASE, n],
  );
  await q(`SELECT setval(pg_get_serial_sequence('users', 'id'), $1)`, [STUDENT_BASE + n]);
  await q(
    `INSERT INTO logins (user_id, root_account_id, unique_id, unique_id_normalized, sis_user_id, updated_at)
     SELECT $1::int + i, $3, 's' || lpad(i::text, 7, '0') || '@students.bench.test',
            's' || lpad(i::text, 7, '0') || '@students.bench.test', 'S' || lpad(i::text, 7, '0'), now()
       FROM generate_series(0, $2::int - 1) i`,
    [STUDENT_BASE, n, root],
  );
  const half = Math.floor(courses.length / 2);
  await q(
    `INSERT INTO enrollments (course_id, user_id, root_account_id, type, updated_at)
     SELECT ($4::int[])[1 + (i + k) % $5::int], $1::int + i, $3, 'student', now()
       FROM generate_series(0, $2::int - 1) i, (VALUES (0), ($6::int)) v(k)
      WHERE k = 0 OR i % 2 = 0`,
    [STUDENT_BASE, n, root, courses, courses.length, half],
  );
  await q("COMMIT");
  await q("VACUUM ANALYZE");
  await c.end();
  return { rootAccountId: root, adminId: admin, adminToken: token, courseIds: courses };
}

async function writeLines(file, header, rows) {
  const out = fs.createWriteStream(file);
  out.write(header + "\n");
  let chunk = "";
  for (const line of rows) {
    chunk += line + "\n";
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return file;
}

function* rosterRows(n) {
  for (let i = 0; i < n; i++) {
    const p = primaryOf(i);
    const g = guardian(p);
    yield `${studentSis(i)},${g.email},${g.first} ${g.last},${g.sis},${RELATIONSHIPS[p % 3]}`;
  }
}

function* canvasUserRows(n) {
  for (let p = 0; p < n; p++) {
    if (primaryOf(p) !== p) continue;
    const g = guardian(p);
    yield `${g.sis},${g.email},${g.first},${g.last},${g.email},active`;
  }
}

function* canvasObserverRows(n) {
  for (let i = 0; i < n; i++) yield `${guardian(primaryOf(i)).sis},${studentSis(i)},active`;
}

/** The input files, written as streams: the roster, and Canvas's pair. */
export async function writeImportFiles(dir, n) {
  return {
    roster: [
      await writeLines(
        path.join(dir, "families.csv"),
        "student_sis_id,guardian_email,guardian_name,guardian_sis_id,relationship",
        rosterRows(n),
      ),
    ],
    canvas: [
      await writeLines(
        path.join(dir, "users.csv"),
        "user_id,login_id,first_name,last_name,email,status",
        canvasUserRows(n),
      ),
      await writeLines(
        path.join(dir, "user_observers.csv"),
        "observer_id,student_id,status",
        canvasObserverRows(n),
      ),
    ],
  };
}
