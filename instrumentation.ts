// Runs once when a Next.js server instance starts: it works the bulk-import queue in-process,
// unless IMPORT_WORKER=off (when separate `npm run worker` processes do it).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.IMPORT_WORKER === "off") return;
  if (!process.env.DATABASE_URL) return; // `next build` loads this with no database around
  const { startImportWorker } = await import("./lib/imports/queue");
  await startImportWorker().catch((err) => console.error("[jobs] the import worker did not start:", err));
}
