// Issue 17 §4, against the real server: an upload is never cut short. Next buffers a body for the
// proxy and silently stops at 10 MB (an 11 MB users.csv staged 22 of its rows and ended
// `imported`), and read a chunked body whole before the route saw it, so the 50 MB limit never
// answered. The upload route now streams its body: all of a large file arrives, and past 50 MB the
// 413 comes before the rest is sent, whether the body declares its length or is chunked.
import nodeHttp from "node:http";
import { describe, expect, it } from "vitest";
import { makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { MAX_UPLOAD_BYTES } from "../../lib/api/uploads.ts";
import { BASE_URL, httpJson } from "./harness.ts";
import { member, school } from "./fixtures.ts";

const MB = 1024 * 1024;

/**
 * Posts `total` bytes (`chunk` at a time, waiting when the socket is full) until the server
 * answers; returns its status and how many bytes had been handed to the socket by then.
 */
function upload(
  path: string,
  headers: Record<string, string>,
  total: number,
  chunk: Buffer,
): Promise<{ status: number; written: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(BASE_URL);
    let written = 0;
    let answered = false;
    const req = nodeHttp.request({ hostname, port, path, method: "POST", headers, agent: false }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, written, body: Buffer.concat(parts).toString() }),
      );
    });
    // The server may close the socket once it has answered: only an error before the answer counts.
    req.on("error", (err) => !answered && reject(err));
    req.setTimeout(120_000, () => req.destroy(new Error("no answer within 120 s")));
    const pump = () => {
      while (!answered && written < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - written));
        written += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("upload size", () => {
  it("an 11 MB users.csv arrives whole; past 50 MB the 413 comes before the rest, chunked or not", async () => {
    const s = await school();
    const admin = await member(s, "ImportAdmin");
    await makeAccountAdmin({ accountId: s.root.id, userId: admin.id });
    const headers = (extra: Record<string, string>) => ({
      host: s.domain,
      authorization: `Bearer ${admin.token}`,
      "content-type": "text/csv",
      ...extra,
    });
    const path = `/api/v1/accounts/${s.root.id}/sis_imports?extension=csv&dry_run=true`;

    // 220 users, each row padded by a column no format reads, as an SIS export's notes may be.
    const pad = "x".repeat(52_000);
    const rows = Array.from({ length: 220 }, (_, i) => `u${i},user${i}@home.test,active,${pad}`);
    const csv = Buffer.from(["user_id,login_id,status,notes", ...rows].join("\n") + "\n");
    expect(csv.length).toBeGreaterThan(10.5 * MB);
    const whole = await upload(path, headers({ "content-length": String(csv.length) }), csv.length, csv);
    expect(whole.status).toBe(200);
    expect(JSON.parse(whole.body)).toMatchObject({ total_rows: 220 });

    // Declared too large: answered before a byte of the body is sent.
    const declared = await upload(path, headers({ "content-length": String(60 * MB) }), 0, Buffer.alloc(0));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).errors[0].message).toMatch(/too large/);

    // Chunked (no Content-Length), 200 MB offered: refused once 50 MB have been read, the rest never sent.
    const chunked = await upload(
      path,
      headers({ "transfer-encoding": "chunked" }),
      200 * MB,
      Buffer.alloc(MB, 0x61),
    );
    expect(chunked.status).toBe(413);
    expect(chunked.written).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(chunked.written).toBeLessThan(100 * MB);
  });

  it("the upload route, which the proxy does not see, refuses a Host it does not serve", async () => {
    const s = await school();
    const res = await httpJson(`/api/v1/accounts/${s.root.id}/sis_imports.json`, {
      method: "POST",
      host: "attacker.example",
      body: "a,b\n",
      headers: { "content-type": "text/csv" },
    });
    expect(res.status).toBe(421);
  });
});
