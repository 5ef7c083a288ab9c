// What every adversarial test shares (the contract: vitest.adversarial.config.ts and
// scripts/lib/adversarial.mjs): the running app, real HTTP to it with a chosen client IP, fault
// injection through the runner's control endpoint, the app's log, and the record of every secret
// the suite was issued (checked at rest by tests/adversarial/after-suite/).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { issueAccessToken } from "../../lib/tokens.ts";

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

export type HttpInit = RequestInit & { ip?: string; token?: string };

/** fetch against the app; `ip` sets the client address, `token` a bearer token. Never follows redirects. */
export function http(path: string, init: HttpInit = {}): Promise<Response> {
  const { ip, token, headers, ...rest } = init;
  const h = new Headers(headers);
  h.set("x-test-client-ip", ip ?? randomIp());
  if (token) h.set("authorization", `Bearer ${token}`);
  return fetch(new URL(path, BASE_URL), { redirect: "manual", ...rest, headers: h });
}

/** http() whose body is read as text and, when it is JSON, parsed. */
export async function httpJson(path: string, init: HttpInit = {}) {
  const res = await http(path, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
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
