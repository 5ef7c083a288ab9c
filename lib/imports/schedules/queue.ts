import "server-only";
// Scheduled syncs on pg-boss: pg-boss 10 keeps one schedule per queue, so each school schedule
// has its own queue (`sis-sync-<id>`) with a daily cron at its time of day in its time zone. A
// worker works every schedule's queue (it looks for new ones each minute) and the `sis-sync-now`
// queue that "Run now" sends to. A job only names the schedule: runScheduledSync reads the rest.
import type PgBoss from "pg-boss";
import { db } from "../../platform/db.ts";
import { jobQueue, keepSchedules } from "../../platform/jobs.ts";

const NOW_QUEUE = "sis-sync-now";
const REFRESH_MS = 60_000;
// A run downloads and applies a whole import in its job: give it hours, and never start it twice
// (a run that fails has already emailed the admins; the next night tries again).
const QUEUE_OPTIONS = { expireInSeconds: 3 * 3600, retryLimit: 0 };
export const queueOf = (scheduleId: number) => `sis-sync-${scheduleId}`;

/** "HH:MM" → a daily cron. */
export const cronOf = (timeOfDay: string) => {
  const [h, m] = timeOfDay.split(":").map(Number);
  return `${m} ${h} * * *`;
};

type Schedule = { id: number; timeOfDay: string; timeZone: string; enabled: boolean };
type Handler = (scheduleId: number, trigger: "schedule" | "now") => Promise<unknown>;

/** Puts the schedule's cron in pg-boss (or takes it out while disabled). */
export async function registerSchedule(s: Schedule): Promise<void> {
  const name = queueOf(s.id);
  const b = await jobQueue(name, QUEUE_OPTIONS);
  if (s.enabled) await b.schedule(name, cronOf(s.timeOfDay), { scheduleId: s.id }, { tz: s.timeZone });
  else await b.unschedule(name);
  // A sync worker in this process works the new queue now, not at its next look.
  if (working?.boss === b) await workQueue(working, name);
}

export async function unregisterSchedule(scheduleId: number): Promise<void> {
  const name = queueOf(scheduleId);
  const b = await jobQueue(name, QUEUE_OPTIONS);
  await b.unschedule(name);
  if (working?.boss === b && working.queues.delete(name)) await b.offWork(name);
  await b.deleteQueue(name);
}

export async function requestRun(scheduleId: number): Promise<void> {
  const b = await jobQueue(NOW_QUEUE, QUEUE_OPTIONS);
  await b.send(NOW_QUEUE, { scheduleId });
}

type Working = { boss: PgBoss; queues: Set<string>; handle: Handler };
let working: Working | null = null;
let timer: NodeJS.Timeout | undefined;

async function workAll(handle: Handler) {
  const b = await jobQueue(NOW_QUEUE, QUEUE_OPTIONS);
  if (working?.boss !== b) {
    working = { boss: b, queues: new Set(), handle };
    await b.work<{ scheduleId: number }>(NOW_QUEUE, { pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) await handle(job.data.scheduleId, "now");
    });
  }
  const schedules = await db.syncSchedule.findMany({ select: { id: true } });
  for (const s of schedules) await workQueue(working, queueOf(s.id));
}

async function workQueue(w: Working, name: string) {
  if (w.queues.has(name)) return;
  w.queues.add(name);
  await jobQueue(name, QUEUE_OPTIONS);
  await w.boss.work<{ scheduleId: number }>(name, { pollingIntervalSeconds: 5 }, async (jobs) => {
    for (const job of jobs) await w.handle(job.data.scheduleId, "schedule");
  });
}

/**
 * Works the sync queues in this process and keeps pg-boss's cron here. Call before anything else
 * starts the job system (the schedules' clock starts with it).
 */
export async function startSyncWorker(handle: Handler): Promise<void> {
  keepSchedules();
  await workAll(handle);
  timer ??= setInterval(
    () => workAll(handle).catch((e) => console.error("[jobs] sync", e)),
    REFRESH_MS,
  ).unref();
}

/** Stops working the sync queues here (the job system itself stops with stopJobs). */
export async function stopSyncWorker(): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  const was = working;
  working = null;
  if (!was) return;
  for (const name of [NOW_QUEUE, ...was.queues]) await was.boss.offWork(name).catch(() => {});
}
