// Runs once when a Next.js server instance starts: it works the job system's queues in-process
// (bulk imports, mail delivery), unless JOB_WORKER=off (or its older name IMPORT_WORKER=off), when
// separate `npm run worker` processes do it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.JOB_WORKER === "off" || process.env.IMPORT_WORKER === "off") return;
  if (!process.env.DATABASE_URL) return; // `next build` loads this with no database around
  const [{ startImportWorker }, { startMailWorker }, { startSyncWorker }] = await Promise.all([
    import("./lib/imports/queue"),
    import("./lib/mail/delivery"),
    import("./lib/imports/schedules"),
  ]);
  // First: the job system keeps pg-boss's schedules (scheduled syncs) only if asked before it starts.
  await startSyncWorker().catch((err) => console.error("[jobs] the sync worker did not start:", err));
  await startImportWorker().catch((err) => console.error("[jobs] the import worker did not start:", err));
  await startMailWorker().catch((err) => console.error("[jobs] the mail worker did not start:", err));
}
