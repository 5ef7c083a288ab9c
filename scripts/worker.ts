// `npm run worker`: a process that only works the job system's queues, applying bulk imports and
// delivering mail (run several when you scale out, and start the app with JOB_WORKER=off). Stops
// cleanly on SIGINT/SIGTERM; an import it leaves half done is resumed from its checkpoint by the
// next worker, and mail it leaves unsent is sent by the next worker to start or wake.
import "./lib/dotenv.mjs";
// @ts-expect-error plain ESM helper shared with scripts/start.mjs
import { localSecrets, openLocalDatabase } from "./lib/local-env.mjs";

if (!process.env.DATABASE_URL) {
  const local = await openLocalDatabase();
  process.env.DATABASE_URL = local.url;
  const secrets = localSecrets();
  process.env.AUTH_SECRET ||= secrets.AUTH_SECRET;
  process.env.PAIRING_CODE_KEY ||= secrets.PAIRING_CODE_KEY;
}
const { startImportWorker, stopImportWorker } = await import("../lib/imports/queue.ts");
const { startMailWorker } = await import("../lib/mail/delivery.ts");
const { mailIsSent } = await import("../lib/mail/outbox.ts");
const { startSyncWorker } = await import("../lib/imports/schedules/index.ts");
await startSyncWorker(); // first: pg-boss keeps the schedules' clock only if asked before it starts
await startImportWorker();
await startMailWorker();
console.log(
  `• Worker running: imports, scheduled syncs, ${mailIsSent() ? "mail" : "no mail (SMTP_URL unset)"} (Ctrl+C to stop).`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    void stopImportWorker().finally(() => process.exit(0));
  });
