import "server-only";
// The `sis-import` queue of the job system (lib/platform/jobs.ts), worked inside `npm start` by
// default, or in separate `npm run worker` processes.
//
// A job is only a wake-up call: runSisImport takes a per-school advisory lock and resumes from the
// import's own checkpoint, so a job delivered twice, or an import whose worker died (found by the
// sweep below), is applied exactly once.
import type PgBoss from "pg-boss";
import { pool } from "../platform/db.ts";
import { jobQueue, stopJobs } from "../platform/jobs.ts";
import { runSisImport } from "./run.ts";

const QUEUE = "sis-import";
const SWEEP_MS = 15_000;

/** Asks a worker to apply the import (now, or after `delaySeconds`). */
export async function enqueueImport(importId: number, delaySeconds = 0): Promise<void> {
  const b = await jobQueue(QUEUE);
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

let workingOn: PgBoss | null = null;
let sweepTimer: NodeJS.Timeout | undefined;

/** Starts this process's import worker (idempotent). */
export async function startImportWorker(): Promise<void> {
  const b = await jobQueue(QUEUE);
  if (workingOn === b) return;
  workingOn = b;
  await b.work<{ importId: number }>(QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await handle(job.data.importId);
  });
  sweepTimer ??= setInterval(() => sweep().catch(() => {}), SWEEP_MS).unref();
  void sweep().catch(() => {});
}

/** Stops this process's import worker and with it the job system (mail delivery included). */
export async function stopImportWorker(): Promise<void> {
  clearInterval(sweepTimer);
  sweepTimer = undefined;
  workingOn = null;
  await stopJobs();
}
