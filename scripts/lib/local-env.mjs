// Configuration for running on one machine: secrets generated once and kept with the embedded
// database's data (.data/, git-ignored), and the embedded server itself.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres } from "./embedded-db.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DATA_DIR = path.join(ROOT, ".data");
const SECRETS_FILE = path.join(DATA_DIR, "secrets.json");
const RUNTIME_FILE = path.join(DATA_DIR, "runtime.json");
const DB_NAME = "observer_pairing";

const random = (bytes) => crypto.randomBytes(bytes).toString("base64url");

/** Secrets for the embedded demo mode: created on first use, then read back on every start. */
export function localSecrets() {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  let secrets = {};
  if (fs.existsSync(SECRETS_FILE)) secrets = JSON.parse(fs.readFileSync(SECRETS_FILE, "utf8"));
  const wanted = {
    AUTH_SECRET: () => random(32),
    PAIRING_CODE_KEY: () => random(32),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: () => crypto.randomBytes(32).toString("base64"),
    DB_PASSWORD: () => random(18),
  };
  let changed = false;
  for (const [k, make] of Object.entries(wanted)) {
    if (!secrets[k]) {
      secrets[k] = make();
      changed = true;
    }
  }
  if (changed) fs.writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Fails with one clear sentence when the database cannot be reached. */
export async function checkDatabase(url, timeoutMs = 5000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    let where = "the database";
    try {
      const u = new URL(url);
      where = `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
    } catch {}
    throw new Error(
      `Cannot reach the database at ${where} (DATABASE_URL): ${err.message || err.code || err}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The embedded PostgreSQL of this checkout: reuses the one a running `npm start` opened, or
 * starts it (data in .data/postgres, kept across restarts). `stop` stops only what it started.
 */
export async function openLocalDatabase({ quiet = true } = {}) {
  if (fs.existsSync(RUNTIME_FILE)) {
    const { url } = JSON.parse(fs.readFileSync(RUNTIME_FILE, "utf8"));
    try {
      await checkDatabase(url, 1500);
      return { url, stop: async () => {} };
    } catch {
      fs.rmSync(RUNTIME_FILE, { force: true });
    }
  }
  const secrets = localSecrets();
  const server = await startEmbeddedPostgres({
    dir: path.join(DATA_DIR, "postgres"),
    password: secrets.DB_PASSWORD,
    quiet,
  });
  await server.createDatabase(DB_NAME);
  const url = server.url(DB_NAME);
  fs.writeFileSync(RUNTIME_FILE, JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    stop: async () => {
      fs.rmSync(RUNTIME_FILE, { force: true });
      await server.stop();
    },
  };
}
