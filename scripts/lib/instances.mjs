// Several `next start` instances of one production build on one PostgreSQL, behind nginx — what
// bench:resilience and tests/adversarial/instances*.test.ts share. Each instance gets the same
// secrets (AUTH_SECRET signs the sessions, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY the server actions'
// bound arguments) and trusts only the last X-Forwarded-For entry, the one nginx appends.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { freePort } from "./embedded-db.mjs";
import { NEXT_BIN } from "./harness.mjs";
import { ROOT } from "./local-env.mjs";
import { startNginx } from "./nginx.mjs";

/** A key for NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (an AES-256 key, base64, as Next.js generates). */
export const actionsKey = () => crypto.randomBytes(32).toString("base64");

/** One `next start` on `port`; `tail()` is the end of its output, `exited` resolves when it ends. */
function startInstance(port, env) {
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d) => (out = (out + d).slice(-8000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((r) => child.once("exit", r));
  return { port, url: `http://127.0.0.1:${port}`, child, exited, tail: () => out };
}

async function ready(instance, timeoutMs = 90_000) {
  for (const start = Date.now(); Date.now() - start < timeoutMs;) {
    if (instance.child.exitCode !== null)
      throw new Error(`instance :${instance.port} exited at start\n${instance.tail()}`);
    const ok = await fetch(`${instance.url}/login`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `instance :${instance.port} did not answer within ${timeoutMs / 1000} s\n${instance.tail()}`,
  );
}

/**
 * Starts `count` instances with `env` (which must hold DATABASE_URL, AUTH_SECRET, PAIRING_CODE_KEY;
 * NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is added when missing) and nginx in front of them. The build
 * in .next must exist. `envFor(i)` may change one instance's environment (a test of what breaks).
 */
export async function startInstances({ env, count = 2, envFor = () => ({}) }) {
  const shared = {
    ...env,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY || actionsKey(),
    TRUSTED_PROXY_HEADER: "x-forwarded-for",
    TRUSTED_PROXY_HOPS: "1",
    NODE_ENV: "production",
  };
  const ports = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  const instances = ports.map((port, i) => startInstance(port, { ...shared, ...envFor(i) }));
  let nginx;
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(
      instances.map(async (inst) => {
        if (inst.child.exitCode !== null || inst.child.signalCode) return;
        inst.child.kill("SIGTERM");
        await Promise.race([inst.exited, new Promise((r) => setTimeout(r, 5000))]);
        if (inst.child.exitCode === null && !inst.child.signalCode) inst.child.kill("SIGKILL");
      }),
    );
  };
  try {
    await Promise.all(instances.map((inst) => ready(inst)));
    nginx = await startNginx({ upstreamPorts: ports });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    /** The proxy's address: what clients use. */
    url: nginx.url,
    nginx,
    instances,
    env: shared,
    /** nginx's $upstream_addr ("127.0.0.1:port", the last one tried) → the instance's index, or -1. */
    indexOf: (upstream) => {
      const last = String(upstream ?? "")
        .split(", ")
        .pop();
      return ports.findIndex((p) => last === `127.0.0.1:${p}`);
    },
    /** Kills instance `i` (SIGKILL by default: no graceful shutdown) and waits for it to be gone. */
    async kill(i, signal = "SIGKILL") {
      instances[i].child.kill(signal);
      await instances[i].exited;
    },
    /** Starts instance `i` again on its port (same environment). */
    async restart(i) {
      instances[i] = startInstance(ports[i], { ...shared, ...envFor(i) });
      await ready(instances[i]);
    },
    stop,
  };
}
