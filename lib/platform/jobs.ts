import "server-only";
// The one job system (pg-boss 10, the last line that runs on Node 20): bulk imports and mail
// delivery are its queues. pg-boss keeps its tables in its own `pgboss` schema of the app's
// database and talks through the app's pool, so every instance shares one queue and any worker may
// pick up any job. One instance per process, started on first use, whether the process only sends
// jobs (a web instance with IMPORT_WORKER=off) or also works them.
import PgBoss from "pg-boss";
import { pool } from "./db.ts";

let boss: Promise<PgBoss> | null = null;
// Whether this process keeps pg-boss's schedules (cron): a worker says so before the job system starts.
let keepsSchedules = false;
/** Makes this process's job system also fire pg-boss schedules (call before its first use). */
export const keepSchedules = () => void (keepsSchedules = true);
const queues = new Map<string, Promise<void>>();

function startBoss(): Promise<PgBoss> {
  const started = (async () => {
    const b = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) },
      schedule: keepsSchedules,
    });
    b.on("error", (err) => console.error("[jobs]", err.message));
    await b.start();
    return b;
  })();
  // A start that failed (database unreachable) is tried again by the next caller, not cached.
  started.catch(() => {
    if (boss === started) boss = null;
  });
  return started;
}

/**
 * This process's started pg-boss, with queue `name` created first: pg-boss 10 silently drops a job
 * sent to a queue that does not exist. An existing queue keeps the options it was created with.
 */
export async function jobQueue(name: string, options: Omit<PgBoss.Queue, "name"> = {}): Promise<PgBoss> {
  const b = await (boss ??= startBoss());
  let created = queues.get(name);
  if (!created) {
    created = b.createQueue(name, { ...options, name });
    queues.set(name, created);
    const mine = created;
    mine.catch(() => queues.get(name) === mine && queues.delete(name));
  }
  await created;
  return b;
}

/**
 * Stops this process's job system: its workers finish the jobs they hold first. The next
 * `jobQueue` starts a new instance, as a process starting afresh would.
 */
export async function stopJobs(): Promise<void> {
  const stopping = boss;
  if (!stopping) return;
  boss = null;
  queues.clear();
  const b = await stopping.catch(() => null);
  await b?.stop({ graceful: true, wait: true });
}
