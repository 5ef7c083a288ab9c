// Scheduled syncs (issue 17 §7): a school's import downloaded from an HTTPS URL every day, as a diffed data set.
import "server-only";
import { startSyncWorker as start } from "./queue.ts";
import { runScheduledSync } from "./run.ts";

export * from "./manage.ts";
export { runScheduledSync } from "./run.ts";
export { stopSyncWorker } from "./queue.ts";

/** Works this process's sync queues and fires pg-boss's schedules (before the job system starts). */
export const startSyncWorker = () => start((id, trigger) => runScheduledSync(id, trigger));
