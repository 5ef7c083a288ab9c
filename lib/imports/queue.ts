import "server-only";
// The job queue (pg-boss 10, the last line that runs on Node 20) that hands imports to workers:
// inside `npm start` by default, or in separate `npm run worker` processes. pg-boss keeps its
// tables in its own `pgboss` schema of the app's database.
//
// A job is only a wake-up call: runSisImport takes a per-school advisory lock and resumes from the
// import's own checkpoint, so a job delivered twice, or an import whose worker died (found by the
// sweep below), is applied exactly once.
import PgBoss from "pg-boss";
import { pool } from "../platform/db.ts";
import { runSisImport } from "./run.ts";

const QUEUE = "sis-import";
const SWEEP_MS = 15_000;

let boss: Promise<PgBoss> | null = null;

function getBoss(): Promise<PgBoss> {
  boss ??= (async () => {
    const b = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) },
      schedule: false,
    });
    b.on("error", (err) => console.error("[jobs]", err.message));
    await b.start();
    await b.createQueue(QUEUE).catch(() => {}); // already there
    return b;
  })();
  return boss;
}

/** Asks a worker to apply the import (now, or after `delaySeconds`). */
export async function enqueueImport(importId: number, delaySeconds = 0): Promise<void> {
  const b = await getBoss();
  await b.send(
    QUEUE,
    { importId },
    { startAfter: delaySeconds, retryLimit: 5, retryDelay: 10, expireInSeconds: 3600 },
  );
}

async function handle(importId: number) {
  const result = await runSisImport(importId);
  // Another import of the same school is running: wait in line.
  if (result === "busy") await enqueueImport(importId, 5);
}

/** Imports left unfinished (their worker died, or the database restarted under them). */
async function sweep() {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM sis_imports WHERE workflow_state IN ('created', 'importing')
        AND updated_at < (now() AT TIME ZONE 'UTC') - interval '30 seconds' ORDER BY id LIMIT 20`,
  );
  for (const r of rows) await runSisImport(r.id).catch((err) => console.error("[jobs] sweep", err));
}

let started = false;

/** Starts this process's import worker (idempotent). */
export async function startImportWorker(): Promise<void> {
  if (started) return;
  started = true;
  const b = await getBoss();
  await b.work<{ importId: number }>(QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await handle(job.data.importId);
  });
  const timer = setInterval(() => sweep().catch(() => {}), SWEEP_MS);
  timer.unref();
  void sweep().catch(() => {});
}

export async function stopImportWorker(): Promise<void> {
  if (!boss) return;
  const b = await boss;
  boss = null;
  started = false;
  await b.stop({ graceful: true, wait: true });
}
