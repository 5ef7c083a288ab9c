// `npm start`'s own server (scripts/serve.mjs) with no proxy header configured: the client's address
// is its TCP connection's, stamped and signed by serve.mjs — never a forwarded header or a stamp the
// client wrote itself (issue 10, item 3). Every other test server trusts a test header instead.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { freePort } from "../../scripts/lib/embedded-db.mjs";
import { closeAgents, redeem } from "../../scripts/lib/http-client.mjs";
import { eventually } from "./harness.ts";
import { codeThrough, makePairs } from "./instances-helpers.ts";

let server: ChildProcess;
let url: string;
let output = "";

beforeAll(async () => {
  const port = await freePort();
  const env = { ...process.env };
  delete env.TRUSTED_PROXY_HEADER;
  server = spawn(process.execPath, ["scripts/serve.mjs", String(port)], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output = (output + d).slice(-4000)));
  server.stderr?.on("data", (d) => (output = (output + d).slice(-4000)));
  url = `http://127.0.0.1:${port}`;
  await eventually(async () => (await fetch(`${url}/login`)).status === 200, 90_000).catch((err) => {
    throw new Error(`scripts/serve.mjs did not start: ${err}\n${output}`);
  });
});

afterAll(() => {
  closeAgents();
  server?.kill("SIGTERM");
});

describe("npm start's server without a proxy header", () => {
  it("audits the connection's address, not X-Forwarded-For nor a stamp the client forged", async () => {
    const [pair] = await makePairs(1);
    const from = "127.0.0.31";
    const code = await codeThrough({ url }, pair, from);
    const r = await redeem(url, pair.observer, code, {
      from,
      headers: { "x-forwarded-for": "203.0.113.7", "x-pairing-socket-ip": "203.0.113.8;forged" },
    });
    expect(r.status).toBe(200);
    const events = await db.auditEvent.findMany({
      where: { subjectId: pair.studentId, targetId: pair.observerId },
      select: { action: true, ip: true },
    });
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.ip))).toEqual(new Set([from]));
  });
});
