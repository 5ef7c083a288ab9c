// The benchmark's baseline: a bare node:http + pg server doing the same work as
// GET /api/v1/users/self/observees — bearer token digest lookup, the user re-read, the domain root
// account, then the observees page (count + rows with their link root accounts) and a Link header.
// Not part of the product. Usage: DATABASE_URL=… PORT=… node scripts/bench-bare-server.mjs
// With WEB_CONCURRENCY (or one per core) it forks workers as scripts/serve.mjs does, so the
// benchmark compares N processes with N.
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import { createHash } from "node:crypto";
import pg from "pg";
import { servingPlan } from "./lib/web-concurrency.mjs";

const plan = servingPlan(process.env, os.availableParallelism());
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? plan.poolSize),
});

const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

async function observees(req, res, url) {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!m)
    return send(res, 401, {
      status: "unauthenticated",
      errors: [{ message: "user authorization required" }],
    });
  const digest = createHash("sha256").update(m[1]).digest("hex");
  const token = (
    await pool.query("SELECT user_id, expires_at, revoked_at FROM access_tokens WHERE digest = $1", [digest])
  ).rows[0];
  if (!token || token.revoked_at || (token.expires_at && token.expires_at <= new Date()))
    return send(res, 401, {
      status: "unauthenticated",
      errors: [{ message: "user authorization required" }],
    });
  const user = (
    await pool.query("SELECT id, name FROM users WHERE id = $1 AND workflow_state = 'active'", [
      token.user_id,
    ])
  ).rows[0];
  if (!user)
    return send(res, 401, {
      status: "unauthenticated",
      errors: [{ message: "user authorization required" }],
    });
  await pool.query(
    "SELECT id FROM accounts WHERE (domain = $1 OR is_default) AND parent_id IS NULL ORDER BY is_default LIMIT 1",
    [req.headers.host?.split(":")[0] ?? ""],
  );
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page")) || 10));
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const [{ rows: count }, { rows }] = await Promise.all([
    pool.query(
      "SELECT count(DISTINCT student_id)::int AS n FROM observation_links WHERE observer_id = $1 AND workflow_state = 'active'",
      [user.id],
    ),
    pool.query(
      `SELECT u.id, u.name, u.created_at, u.sortable_name, u.short_name, array_agg(l.root_account_id ORDER BY l.root_account_id) AS roots
         FROM users u JOIN observation_links l ON l.student_id = u.id AND l.observer_id = $1 AND l.workflow_state = 'active'
        GROUP BY u.id ORDER BY u.sortable_name, u.id LIMIT $2 OFFSET $3`,
      [user.id, perPage, (page - 1) * perPage],
    ),
  ]);
  const last = Math.max(1, Math.ceil(count[0].n / perPage));
  const link = (n, rel) =>
    `<http://${req.headers.host}${url.pathname}?page=${n}&per_page=${perPage}>; rel="${rel}"`;
  const links = [
    link(page, "current"),
    ...(page < last ? [link(page + 1, "next")] : []),
    ...(page > 1 ? [link(page - 1, "prev")] : []),
    link(1, "first"),
    link(last, "last"),
  ];
  send(
    res,
    200,
    rows.map((u) => ({
      id: u.id,
      name: u.name,
      created_at: u.created_at.toISOString(),
      sortable_name: u.sortable_name,
      short_name: u.short_name,
      observation_link_root_account_ids: u.roots,
    })),
    { link: links.join(",") },
  );
}

function serve() {
  http
    .createServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (req.method === "GET" && url.pathname === "/api/v1/users/self/observees") {
        observees(req, res, url).catch((err) =>
          send(res, 500, { errors: [{ message: String(err.message) }] }),
        );
      } else send(res, 404, { errors: [{ message: "The specified resource does not exist." }] });
    })
    .listen(Number(process.env.PORT), "127.0.0.1", () => cluster.isPrimary && console.log("ready"));
}

if (cluster.isPrimary && plan.workers > 1) {
  let listening = 0;
  cluster.on("listening", () => ++listening === plan.workers && console.log("ready"));
  for (let i = 0; i < plan.workers; i++) cluster.fork({ DATABASE_POOL_SIZE: String(plan.poolSize) });
  process.on("SIGTERM", () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    process.exit(0);
  });
} else serve();
