// bench:import's floor: PostgreSQL COPY of the rows the roster import wrote, copied out of its
// database, into the same indexed tables of a fresh copy of the same database. Only the COPYs and
// their commit are timed.
import pg from "pg";

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

/** COPY … TO STDOUT: the bytes, as PostgreSQL sends them. */
class CopyTo {
  constructor(text) {
    this.text = text;
    this.chunks = [];
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
  submit(connection) {
    connection.query(this.text);
  }
  handleCopyData(msg) {
    // The protocol parser reuses its buffer: keep a copy.
    this.chunks.push(Buffer.from(msg.chunk));
  }
  handleCommandComplete(msg) {
    this.rowCount = Number(msg.text.split(" ").pop());
  }
  handleReadyForQuery() {
    this.resolve({ rows: this.rowCount, chunks: this.chunks });
  }
  handleError(err) {
    this.reject(err);
  }
}

function copyFrom(client, text, chunks) {
  const q = new CopyFrom(text, chunks);
  client.query(q);
  return q.promise;
}

/**
 * Every table an import writes for the school (not its own bookkeeping: sis_imports, staged rows,
 * messages). The guardians, their logins, links and observer enrollments are what a roster leaves
 * behind; the audit trail, the password-setup links, the emails and the students' notifications
 * are what the feature must also write, so "the same rows" counts them too.
 */
const DOMAIN_TABLES = ["users", "logins", "observation_links", "enrollments"];
const SIDE_TABLES = ["audit_events", "password_setup_tokens", "outbox_emails", "notifications"];

/**
 * The rows an import wrote into the database at `url` (those past the template's last id in each
 * table), copied out as CSV, for copyBaseline to COPY into a fresh copy of the template.
 */
export async function capturedRows(templateUrl, url) {
  const before = new Map();
  const t = new pg.Client({ connectionString: templateUrl });
  await t.connect();
  try {
    for (const table of [...DOMAIN_TABLES, ...SIDE_TABLES])
      before.set(table, (await t.query(`SELECT coalesce(max(id), 0) AS m FROM ${table}`)).rows[0].m);
  } finally {
    await t.end();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const capture = async (table) => {
      const { rows: cols } = await c.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        [table],
      );
      const list = cols.map((r) => `"${r.column_name}"`).join(", ");
      const q = new CopyTo(
        `COPY (SELECT ${list} FROM ${table} WHERE id > ${before.get(table)} ORDER BY id) TO STDOUT (FORMAT csv)`,
      );
      c.query(q);
      const out = await q.promise;
      return { target: `${table} (${list})`, table, rows: out.rows, chunks: out.chunks };
    };
    const domain = [];
    for (const table of DOMAIN_TABLES) domain.push(await capture(table));
    const side = [];
    for (const table of SIDE_TABLES) side.push(await capture(table));
    const lastIds = async (tables) => {
      const ids = {};
      for (const x of tables) ids[x.table] = (await c.query(`SELECT max(id) AS m FROM ${x.table}`)).rows[0].m;
      return ids;
    };
    return {
      domain: { tables: domain, lastIds: await lastIds(domain) },
      all: { tables: [...domain, ...side], lastIds: await lastIds([...domain, ...side]) },
    };
  } finally {
    await c.end();
  }
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
    for (const [table, id] of Object.entries(prepared.lastIds))
      if (id !== null) await c.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, [table, id]);
    await c.query("COMMIT");
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, rows };
  } finally {
    await c.end();
  }
}
