// The production server `npm start` runs: Next.js behind a plain Node HTTP server that stamps
// each request with the address of its TCP connection (lib/platform/socket-stamp.mjs), because Next
// gives route handlers and server actions no trustworthy socket address (see lib/platform/client-ip.ts).
//
// One worker process per core by default (node:cluster: the workers share the listening socket and
// the primary hands out connections round-robin); WEB_CONCURRENCY=N chooses N, and 1 serves from
// this process alone. Every piece of state the app keeps between requests is in PostgreSQL (sessions,
// throttling counters, jobs) or a short-lived cache that tolerates several instances
// (tests/adversarial/instances.test.ts runs two behind nginx), so workers need no coordination.
// Only the first worker runs the job system (imports, mail) unless JOB_WORKER=off takes it out:
// one pg-boss worker is enough for a server, and N would hold N times the connections.
// Usage: node scripts/serve.mjs <port>
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import next from "next";
import { stampSocketIp } from "../lib/platform/socket-stamp.mjs";
import { servingPlan } from "./lib/web-concurrency.mjs";

const port = Number(process.argv[2] || process.env.PORT || 3000);

async function serve() {
  const app = next({ dev: false, dir: new URL("..", import.meta.url).pathname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    stampSocketIp(req, process.env.AUTH_SECRET);
    handle(req, res);
  });
  server.listen(port, () => {
    if (cluster.isPrimary) console.log(`  ▲ Ready on http://localhost:${port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** The primary: forks the workers, replaces one that dies, stops them all on a signal. */
function supervise(plan) {
  const started = new Map(); // worker id → { index, at }
  const crashes = [];
  let stopping = false;
  let listening = 0;

  const fork = (index) => {
    const env = { WORKER_INDEX: String(index), DATABASE_POOL_SIZE: String(plan.poolSize) };
    if (index > 0) env.JOB_WORKER = "off";
    const worker = cluster.fork(env);
    started.set(worker.id, { index, at: Date.now() });
  };

  cluster.on("listening", () => {
    listening += 1;
    if (listening === plan.workers)
      console.log(
        `  ▲ Ready on http://localhost:${port} (${plan.workers} worker processes, ${plan.poolSize} database connections each; WEB_CONCURRENCY=${plan.workers})`,
      );
  });
  cluster.on("exit", (worker, code, signal) => {
    const info = started.get(worker.id);
    started.delete(worker.id);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    console.error(
      `[serve] worker ${info?.index ?? "?"} (pid ${worker.process.pid}) ended (${signal ?? `exit code ${code}`}): starting another`,
    );
    // A worker that cannot stay up (a broken build, a missing secret) would be forked forever:
    // five deaths within a minute end the server with an error instead.
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0] < now - 60_000) crashes.shift();
    if (crashes.length >= 5) {
      console.error("[serve] five workers ended within a minute: stopping (see the errors above).");
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      setTimeout(() => process.exit(1), 10_000).unref();
      if (started.size === 0) process.exit(1);
      return;
    }
    fork(info?.index ?? 0);
  });

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    // Workers finish their requests and exit; one that hangs is not waited for forever.
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
      process.exit(0);
    }, 10_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  for (let i = 0; i < plan.workers; i++) fork(i);
}

let plan;
try {
  plan = servingPlan(process.env, os.availableParallelism());
} catch (err) {
  console.error(`\n✖ ${err.message}\n`);
  process.exit(1);
}
if (cluster.isPrimary && plan.workers > 1) supervise(plan);
else {
  process.env.DATABASE_POOL_SIZE ??= String(plan.poolSize);
  await serve();
}
