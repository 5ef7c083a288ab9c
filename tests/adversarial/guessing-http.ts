// HTTP for the guessing tests with a chosen Host (fetch cannot set one): each test attacks a school
// of its own, on its own domain, so spending that school's budget touches no other test.
import http from "node:http";
import { BASE_URL, randomIp } from "./harness.ts";
import { solveChallenge, type Challenge } from "../../lib/identity/throttle/challenge-solve.ts";

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

export type Answer = { status: number; json: Record<string, unknown> | null; retryAfter: string | null };

export function post(
  path: string,
  body: object,
  opts: { host: string; ip?: string; token?: string },
): Promise<Answer> {
  const url = new URL(path, BASE_URL);
  const payload = JSON.stringify(body);
  const headers: Record<string, string> = {
    host: `${opts.host}:${url.port}`,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(payload)),
    "x-test-client-ip": opts.ip ?? randomIp(),
  };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname, method: "POST", headers, agent },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => {
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({
            status: res.statusCode ?? 0,
            json,
            retryAfter: (res.headers["retry-after"] as string) ?? null,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Runs `count` jobs, `width` at a time. */
export async function inParallel<T>(
  count: number,
  width: number,
  job: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
}

/** A random well-formed code (Crockford base32), as an attacker would try. */
export function randomCode(): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const pick = () => alphabet[Math.floor(Math.random() * 32)];
  return Array.from({ length: 8 }, pick).join("");
}

/** What a REST client does with a challenge (the `challenge` parameter's description in /api/docs). */
export function solve(answer: Answer): Promise<string> {
  const challenge = answer.json?.challenge as Challenge | undefined;
  if (!challenge)
    throw new Error(`expected a challenge, got ${answer.status} ${JSON.stringify(answer.json)}`);
  return solveChallenge(challenge);
}

/** The shape of an answer, for checking that every refusal looks the same. */
export const shapeOf = (a: Answer) =>
  `${a.status} ${JSON.stringify((a.json?.errors as { message?: string }[] | undefined)?.[0]?.message ?? a.json?.errors)}${a.json?.challenge ? " +challenge" : ""}`;
