// `npm start`'s server with several worker processes (scripts/serve.mjs, WEB_CONCURRENCY=2): both
// workers serve, only the first runs the job system, a killed worker is replaced while the other
// keeps answering, and a stop ends every process. Linux's /proc tells which process did what.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/embedded-db.mjs";
import { defaultRootAccount } from "../helpers/factory.ts";
import { eventually } from "./harness.ts";

let server: ChildProcess;
let url: string;
let output = "";

/** The primary's worker processes: their pids and environment. */
function workers(): { pid: number; env: Record<string, string> }[] {
  const listed = spawnSync("ps", ["-o", "pid=", "--ppid", String(server.pid)], { encoding: "utf8" }).stdout;
  return listed
    .split("\n")
    .map((l) => Number(l.trim()))
    .filter((pid) => pid > 0)
    .flatMap((pid) => {
      try {
        const raw = fs.readFileSync(`/proc/${pid}/environ`, "utf8");
        const env = Object.fromEntries(
          raw
            .split("\0")
            .filter(Boolean)
            .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
        );
        return [{ pid, env }];
      } catch {
        return []; // ended meanwhile
      }
    });
}

/** CPU time (user + system clock ticks) a process has used so far. */
function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`);

async function burst(n: number): Promise<(number | string)[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      fetch(`${url}/api/v1/users/self`, { headers: { authorization: "Bearer not-a-token" } })
        .then(async (r) => (r.status === 401 ? 401 : `${r.status} ${(await r.text()).slice(0, 200)}`))
        .catch(() => 0),
    ),
  );
}

beforeAll(async () => {
  await defaultRootAccount(); // the school that answers 127.0.0.1
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, WEB_CONCURRENCY: "2" };
  for (const k of ["DATABASE_POOL_SIZE", "JOB_WORKER", "IMPORT_WORKER"]) delete env[k];
  server = spawn(process.execPath, ["scripts/serve.mjs", String(port)], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output = (output + d).slice(-8000)));
  server.stderr?.on("data", (d) => (output = (output + d).slice(-8000)));
  url = `http://127.0.0.1:${port}`;
  await eventually(async () => output.includes("2 worker processes"), 120_000).catch((err) => {
    throw new Error(`scripts/serve.mjs did not start two workers: ${err}\n${output}`);
  });
}, 150_000);

afterAll(() => {
  if (server?.exitCode === null) server.kill("SIGKILL");
});

describe("npm start's server with WEB_CONCURRENCY=2", () => {
  it("runs two workers that both serve; only the first runs the job system", async () => {
    const ws = workers();
    expect(ws).toHaveLength(2);
    expect(ws.map((w) => w.env.WORKER_INDEX).sort()).toEqual(["0", "1"]);
    expect(ws.find((w) => w.env.WORKER_INDEX === "1")?.env.JOB_WORKER).toBe("off");
    expect(ws.find((w) => w.env.WORKER_INDEX === "0")?.env.JOB_WORKER).not.toBe("off");
    expect(ws.every((w) => w.env.DATABASE_POOL_SIZE === "10")).toBe(true);

    const before = ws.map((w) => cpuTicks(w.pid));
    for (let i = 0; i < 10; i++) expect(new Set(await burst(40))).toEqual(new Set([401]));
    const used = ws.map((w, i) => cpuTicks(w.pid) - before[i]);
    // Round-robin: each worker answered a share of the 400 requests, so each used CPU for it.
    expect(used.every((t) => t > 0)).toBe(true);
  });

  it("replaces a killed worker while the other keeps answering", async () => {
    const [victim, other] = workers();
    process.kill(victim.pid, "SIGKILL");
    await eventually(async () => !alive(victim.pid), 10_000);
    // Meanwhile the other worker answers every request.
    expect(new Set(await burst(20))).toEqual(new Set([401]));
    expect(alive(other.pid)).toBe(true);
    await eventually(async () => {
      const now = workers();
      return now.length === 2 && !now.some((w) => w.pid === victim.pid);
    }, 90_000);
    expect(output).toMatch(/worker \d \(pid \d+\) ended \(SIGKILL\): starting another/);
    const replaced = workers().find((w) => w.pid !== other.pid)!;
    expect(replaced.env.WORKER_INDEX).toBe(victim.env.WORKER_INDEX);
    expect(replaced.env.JOB_WORKER === "off").toBe(victim.env.JOB_WORKER === "off");
    await eventually(async () => (await burst(20)).every((s) => s === 401), 60_000);
  }, 150_000);

  it("stops every process on SIGTERM", async () => {
    const pids = workers().map((w) => w.pid);
    const exited = new Promise<number | null>((r) => server.once("exit", (code) => r(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    await eventually(async () => pids.every((pid) => !alive(pid)), 15_000);
  }, 30_000);

  it("refuses a WEB_CONCURRENCY that is not a number of processes, saying so", () => {
    const r = spawnSync(process.execPath, ["scripts/serve.mjs", "1"], {
      cwd: process.cwd(),
      env: { ...process.env, WEB_CONCURRENCY: "lots" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('WEB_CONCURRENCY must be a whole number from 1 to 64 (got "lots")');
  }, 70_000);
});
