// bench:import's databases: a fresh copy of the seeded template per measurement, and the check
// that a run left exactly the rows the data's formulas say it should.
import pg from "pg";
import { expected } from "./bench-import-data.mjs";
import { cleanups } from "./harness.mjs";

export async function sql(url, text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** A fresh database copied from the seeded template (a file copy: seconds, whatever its size). */
export async function freshCopy(template, name) {
  const server = new URL(template);
  const from = server.pathname.slice(1);
  server.pathname = "/postgres";
  await sql(server.toString(), `CREATE DATABASE "${name}" TEMPLATE "${from}"`);
  const drop = () => sql(server.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  cleanups.unshift(drop);
  const url = new URL(template);
  url.pathname = "/" + name;
  return { url: url.toString(), drop };
}

/** Guardians, active links and observer enrollments in the database, checked against the formulas. */
export async function verify(url, families, what) {
  const [got] = await sql(
    url,
    `SELECT (SELECT count(*)::int FROM logins WHERE unique_id_normalized LIKE 'parent%@families.bench.test') AS guardians,
            (SELECT count(*)::int FROM observation_links WHERE workflow_state = 'active') AS links,
            (SELECT count(*)::int FROM enrollments WHERE type = 'observer' AND workflow_state = 'active') AS "observerEnrollments"`,
  );
  const want = expected(families);
  if (JSON.stringify(got) !== JSON.stringify(want))
    throw new Error(
      `${what}: expected ${JSON.stringify(want)} in the database, found ${JSON.stringify(got)}`,
    );
  return got;
}

/** BENCH_PROFILE: sessions of this database send the plans of statements over 200 ms as notices. */
export async function explainSlowStatements(url) {
  const name = new URL(url).pathname.slice(1);
  for (const [k, v] of [
    ["session_preload_libraries", "auto_explain"],
    ["auto_explain.log_min_duration", "200"],
    ["auto_explain.log_analyze", "on"],
    ["auto_explain.log_level", "notice"],
  ])
    await sql(url, `ALTER DATABASE "${name}" SET ${k} = '${v}'`);
}
