// Debian's nginx as the reverse proxy in front of several app instances, run unprivileged from a
// temporary directory: its own config, pid file, logs and temp paths, a high loopback port. The
// config is docs/deploying.md's example (nginx) plus an access log naming the
// instance that served each request, which is how the checks tell the instances apart.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./embedded-db.mjs";

export const NGINX_BIN = process.env.NGINX_BIN || "/usr/sbin/nginx";

/**
 * The proxy's config. `X-Forwarded-For $proxy_add_x_forwarded_for` appends the address nginx saw
 * to whatever the client sent, and the app (TRUSTED_PROXY_HEADER=x-forwarded-for,
 * TRUSTED_PROXY_HOPS=1) reads only that last entry, so a client cannot choose its own IP.
 */
export function nginxConfig({ dir, port, upstreamPorts, servedByHeader = false }) {
  const p = (f) => path.join(dir, f);
  return `# Written by scripts/lib/nginx.mjs
worker_processes 1;
pid ${p("nginx.pid")};
error_log ${p("error.log")} warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${p("client_body")};
  proxy_temp_path ${p("proxy")};
  fastcgi_temp_path ${p("fastcgi")};
  uwsgi_temp_path ${p("uwsgi")};
  scgi_temp_path ${p("scgi")};
  log_format served '$remote_addr $request_method $request_uri $status $upstream_addr $request_time';
  access_log ${p("access.log")} served;
  client_max_body_size 20m;

  upstream app {
${upstreamPorts.map((u) => `    server 127.0.0.1:${u} max_fails=1 fail_timeout=10s;`).join("\n")}
    keepalive 32;
    # Below Node's keep-alive timeout (5 s): nginx must never reuse a connection the instance
    # is closing, or a POST on it fails with 502 and is not retried.
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A refused connection moves on to the next instance; a request already sent is never
      # replayed (nginx's default for POST), so a write is not made twice.
      proxy_next_upstream error timeout;
      proxy_read_timeout 60s;${servedByHeader ? "\n      add_header X-Served-By $upstream_addr always;" : ""}
    }
  }
}
`;
}

/** The uid/gid nginx runs as: as root, `nobody` (nginx refuses nothing, but it should not be root). */
function unprivileged() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(spawnSync("id", [flag, "nobody"], { encoding: "utf8" }).stdout.trim() || 65534);
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * Starts nginx on a free high port in front of `upstreamPorts`; resolves once it listens.
 * `stop()` ends it and removes its directory; `accessLog()` parses the access log.
 */
export async function startNginx({ upstreamPorts, servedByHeader = true }) {
  if (!fs.existsSync(NGINX_BIN))
    throw new Error(
      `nginx is not installed at ${NGINX_BIN}: apt-get install nginx (.ci/run does), or set NGINX_BIN.`,
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observer-pairing-nginx-"));
  const port = await freePort();
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, nginxConfig({ dir, port, upstreamPorts, servedByHeader }));
  const ids = unprivileged();
  if (ids.uid !== undefined) {
    fs.chmodSync(dir, 0o755);
    for (const f of [dir, conf]) fs.chownSync(f, ids.uid, ids.gid);
  }
  const child = spawn(
    NGINX_BIN,
    ["-p", dir, "-e", path.join(dir, "error.log"), "-c", conf, "-g", "daemon off;"],
    {
      ...ids,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const errors = () =>
    out +
    (fs.existsSync(path.join(dir, "error.log")) ? fs.readFileSync(path.join(dir, "error.log"), "utf8") : "");
  const url = `http://127.0.0.1:${port}`;
  for (const start = Date.now(); ;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start:\n${errors()}`);
    if (
      await fetch(url, { method: "HEAD" }).then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() - start > 10_000) throw new Error(`nginx did not listen on ${url}:\n${errors()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dir,
    conf,
    child,
    errors,
    /** Each request: { ip, method, uri, status, upstream (the last instance tried, "host:port") }. */
    accessLog() {
      const file = path.join(dir, "access.log");
      if (!fs.existsSync(file)) return [];
      return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [ip, method, uri, status, upstream, seconds] = line.split(" ");
          return {
            ip,
            method,
            uri,
            status: Number(status),
            upstream: upstream.split(", ").pop(),
            tried: upstream,
            seconds: Number(seconds),
          };
        });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
