// bench:import's floor: PostgreSQL COPY of the rows a roster import leaves behind (the guardians'
// users and logins, the links, the observer enrollments), computed beforehand, into the same
// indexed tables of a fresh copy of the same database. Only the COPYs and their commit are timed.
import pg from "pg";
import { coursesOf, guardian, primaryOf, STUDENT_BASE } from "./bench-import-data.mjs";

/**
 * COPY … FROM STDIN through node-postgres' submittable interface (what pg-copy-streams builds
 * on), so the benchmark needs no extra package. `chunks` are the CSV bytes, sent as they are.
 */
class CopyFrom {
  constructor(text, chunks) {
    this.text = text;
    this.chunks = chunks;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
  submit(connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection) {
    for (const c of this.chunks) connection.sendCopyFromChunk(c);
    connection.endCopyFrom();
  }
  handleCommandComplete(msg) {
    this.rowCount = Number(msg.text.split(" ").pop());
  }
  handleReadyForQuery() {
    this.resolve(this.rowCount);
  }
  // The client forgets the query on an error (no ReadyForQuery reaches it), so settle here.
  handleError(err) {
    this.reject(err);
  }
}

function copyFrom(client, text, chunks) {
  const q = new CopyFrom(text, chunks);
  client.query(q);
  return q.promise;
}

const field = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** Rows as CSV chunks of about 64 kB. */
function csvChunks(rows) {
  const chunks = [];
  let s = "";
  for (const r of rows) {
    s += r.map(field).join(",") + "\n";
    if (s.length > 1 << 16) {
      chunks.push(Buffer.from(s));
      s = "";
    }
  }
  if (s) chunks.push(Buffer.from(s));
  return chunks;
}

/** The resulting rows, table by table, with the guardians' user ids assigned after the students'. */
export function resultingRows(n, seed) {
  const now = new Date().toISOString();
  const guardianId = new Map();
  const users = [];
  const logins = [];
  for (let p = 0; p < n; p++) {
    if (primaryOf(p) !== p) continue;
    const id = STUDENT_BASE + n + 1 + guardianId.size;
    guardianId.set(p, id);
    const g = guardian(p);
    users.push([id, `${g.first} ${g.last}`, `${g.last}, ${g.first}`, g.first, g.email, now]);
    logins.push([id, seed.rootAccountId, g.email, g.email, g.sis, now]);
  }
  const links = [];
  const enrollments = [];
  for (let i = 0; i < n; i++) {
    const student = STUDENT_BASE + i;
    const observer = guardianId.get(primaryOf(i));
    links.push([student, observer, seed.rootAccountId, "sis", seed.adminId, now]);
    for (const c of coursesOf(i, n))
      enrollments.push([seed.courseIds[c], observer, seed.rootAccountId, "observer", student, "active", now]);
  }
  const tables = [
    ["users (id, name, sortable_name, short_name, email, updated_at)", users],
    ["logins (user_id, root_account_id, unique_id, unique_id_normalized, sis_user_id, updated_at)", logins],
    [
      "observation_links (student_id, observer_id, root_account_id, method, created_by_id, updated_at)",
      links,
    ],
    [
      "enrollments (course_id, user_id, root_account_id, type, associated_user_id, workflow_state, updated_at)",
      enrollments,
    ],
  ];
  return {
    lastUserId: STUDENT_BASE + n + guardianId.size,
    tables: tables.map(([target, rows]) => ({ target, rows: rows.length, chunks: csvChunks(rows) })),
  };
}

/** Times the COPYs (one transaction, with its commit) into the database at `url`. */
export async function copyBaseline(url, prepared) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // A new database's first statements load its catalogs: do that before the clock starts.
    for (const t of prepared.tables) await c.query(`SELECT 1 FROM ${t.target.split(" ")[0]} LIMIT 0`);
    const t0 = performance.now();
    await c.query("BEGIN");
    let rows = 0;
    for (const t of prepared.tables)
      rows += await copyFrom(c, `COPY ${t.target} FROM STDIN (FORMAT csv)`, t.chunks);
    await c.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), $1)`, [prepared.lastUserId]);
    await c.query("COMMIT");
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, rows };
  } finally {
    await c.end();
  }
}
