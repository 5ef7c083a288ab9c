// What every adversarial test shares (the contract: vitest.adversarial.config.ts and
// scripts/lib/adversarial.mjs): the running app, real HTTP to it with a chosen client IP, fault
// injection through the runner's control endpoint, the app's log, and the record of every secret
// the suite was issued (checked at rest by tests/adversarial/after-suite/).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import nodeHttp from "node:http";
import { issueAccessToken } from "../../lib/identity/tokens.ts";

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the adversarial tests with npm run test:adversarial`);
  return value;
}

export const BASE_URL = need("BASE_URL");

/** A random client address (the server trusts x-test-client-ip), so per-IP limits stay apart. */
export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2] || 1}`;
}

export type HttpInit = RequestInit & { ip?: string; token?: string; host?: string };

function requestHeaders(init: HttpInit): Headers {
  const h = new Headers(init.headers);
  h.set("x-test-client-ip", init.ip ?? randomIp());
  if (init.token) h.set("authorization", `Bearer ${init.token}`);
  return h;
}

/**
 * fetch against the app; `ip` sets the client address, `token` a bearer token. Never follows
 * redirects. fetch cannot set Host: use httpJson for a school's own domain.
 */
export function http(path: string, init: HttpInit = {}): Promise<Response> {
  const { ip: _ip, token: _token, host: _host, headers: _headers, ...rest } = init;
  return fetch(new URL(path, BASE_URL), { redirect: "manual", ...rest, headers: requestHeaders(init) });
}

// No keep-alive: a socket the server closed (after refusing a huge body, say) is never reused.
const agent = new nodeHttp.Agent({ keepAlive: false, maxSockets: 64 });

export type HttpResult = { status: number; headers: Headers; text: string; json: unknown };

/**
 * One request through node:http (which, unlike fetch, may set Host: `host` picks the school),
 * with the body as fetch would encode it (string, URLSearchParams, FormData, bytes). The body is
 * read as text and, when it is JSON, parsed.
 */
export async function httpJson(path: string, init: HttpInit = {}): Promise<HttpResult> {
  const headers = requestHeaders(init);
  if (init.host) headers.set("host", init.host);
  const url = new URL(path, BASE_URL);
  return rawRequest(url.pathname + url.search, {
    method: init.method ?? "GET",
    headers: Object.fromEntries(headers),
    body: init.body ?? undefined,
  });
}

/**
 * A request whose target (path and query) is sent exactly as given, broken escapes and all; the
 * body is encoded as fetch would (string, URLSearchParams, FormData, bytes), and a content-type
 * given in `headers` wins over the encoding's.
 */
export async function rawRequest(
  target: string,
  init: { method: string; headers: Record<string, string>; body?: BodyInit },
): Promise<HttpResult> {
  const headers = { ...init.headers };
  let body: Buffer | undefined;
  if (init.body !== undefined) {
    const encoded = new Request(BASE_URL, { method: "POST", body: init.body });
    body = Buffer.from(await encoded.arrayBuffer());
    const type = encoded.headers.get("content-type");
    if (type && !Object.keys(headers).some((k) => k.toLowerCase() === "content-type"))
      headers["content-type"] = type;
    // Node frames a GET's or DELETE's body with neither Content-Length nor chunked encoding: the
    // server would read the body as the next request (a 400 and a closed connection).
    headers["content-length"] = String(body.length);
  }
  const raw = await new Promise<{ status: number; headers: nodeHttp.IncomingHttpHeaders; text: string }>(
    (resolve, reject) => {
      const { hostname, port } = new URL(BASE_URL);
      const req = nodeHttp.request(
        // A redirect echoes the request's URL (up to the server's own 16 KB request limit) beside
        // its other headers: past Node's 16 KB client default, where browsers take 256 KB.
        { hostname, port, path: target, method: init.method, headers, agent, maxHeaderSize: 64 * 1024 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString(),
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      // A request the app never answers is a failure, not a hung suite.
      req.setTimeout(60_000, () => req.destroy(new Error(`no answer within 60 s: ${init.method} ${target}`)));
      req.end(body);
    },
  );
  const h = new Headers();
  // Set-Cookie stays one header per cookie (getSetCookie), as a browser reads it.
  for (const [k, v] of Object.entries(raw.headers))
    if (Array.isArray(v)) for (const one of v) h.append(k, one);
    else if (v !== undefined) h.set(k, String(v));
  let json: unknown = null;
  try {
    json = raw.text ? JSON.parse(raw.text) : null;
  } catch {}
  return { status: raw.status, headers: h, text: raw.text, json };
}

/**
 * Restarts the app's PostgreSQL server (same port and data) and resolves once it accepts
 * connections again. "immediate" is a crash (crash recovery on start), "fast" a clean shutdown.
 */
export async function restartPostgres(mode: "fast" | "immediate" = "fast"): Promise<{ ms: number }> {
  const res = await fetch(`${need("ADVERSARIAL_CONTROL_URL")}/postgres/restart?mode=${mode}`, {
    method: "POST",
  });
  if (res.status !== 200) throw new Error(`PostgreSQL restart failed: ${await res.text()}`);
  return (await res.json()) as { ms: number };
}

/** Everything the app server has printed so far. */
export function serverLog(): string {
  return fs.readFileSync(need("ADVERSARIAL_SERVER_LOG"), "utf8");
}

export type SecretKind = "pairing-code" | "access-token" | "setup-link" | "setup-token" | "password";

/** Records a secret the suite was issued; after the suite none may be found at rest or in logs. */
export function recordIssued(kind: SecretKind, value: string): void {
  fs.appendFileSync(need("ADVERSARIAL_SECRETS_FILE"), JSON.stringify({ kind, value }) + "\n");
}

export function issuedSecrets(): { kind: SecretKind; value: string }[] {
  return fs
    .readFileSync(need("ADVERSARIAL_SECRETS_FILE"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** A fresh API token for `userId` (recorded as issued). */
export async function bearerFor(userId: number): Promise<string> {
  const { token } = await issueAccessToken({ userId, purpose: "adversarial test", actorId: null });
  recordIssued("access-token", token);
  return token;
}

/** Polls `probe` until it returns true (or time runs out); the last error is rethrown. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  let last: unknown = null;
  while (Date.now() - started < timeoutMs) {
    try {
      if (await probe()) return Date.now() - started;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
}
