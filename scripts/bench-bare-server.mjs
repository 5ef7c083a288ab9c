// The benchmark's baseline: a bare node:http + pg server doing the same work as
// GET /api/v1/users/self/observees (scripts/lib/bare-observees.mjs).
// Not part of the product. Usage: DATABASE_URL=… PORT=… node scripts/bench-bare-server.mjs
// With WEB_CONCURRENCY (or one per core) it forks workers as scripts/serve.mjs does, so the
// benchmark compares N processes with N.
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import pg from "pg";
import { observeesResponse } from "./lib/bare-observees.mjs";
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
  const { status, body, headers } = await observeesResponse(pool, {
    authorization: req.headers.authorization,
    host: req.headers.host,
    url,
  });
  send(res, status, body, headers);
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
