// `npm run worker`: a process that only applies bulk imports (run several when you scale out, and
// start the app with IMPORT_WORKER=off). Stops cleanly on SIGINT/SIGTERM; an import it leaves
// half done is resumed from its checkpoint by the next worker.
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
await startImportWorker();
console.log("• Import worker running (Ctrl+C to stop).");
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    void stopImportWorker().finally(() => process.exit(0));
  });
