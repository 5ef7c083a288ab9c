import "server-only";
// Applying a staged import: the one code path behind the API, the admin page and the CLI.
// A real run applies a batch per transaction, each advancing the checkpoint with it, so a killed
// worker resumes where it stopped and never applies a row twice. A dry run (dry-run.ts) applies
// everything in one transaction and rolls it back. Who may run it now is lock.ts's.
import type pg from "pg";
import { pool } from "../platform/db.ts";
import { deliverSoon } from "../mail/outbox.ts";
import { setupLinkBase } from "../mail/one-time-links.ts";
import { applyBatch, BATCH_SIZE, loadImport, type Progress } from "./apply-batch.ts";
import type { Batch } from "./batch.ts";
import { dryRun } from "./dry-run.ts";
import { claimImport, withSchoolLock } from "./lock.ts";
import { notifyImport } from "./notify-guardians.ts";
import { reportBatch } from "./report.ts";
import { aborted, fail, finish, isConnectionLost } from "./state.ts";

export { BATCH_SIZE };
export { LOCK_CLASS } from "./lock.ts";

export type RunResult = "done" | "busy" | "finished-already";

async function inTx<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const out = await work();
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

/**
 * Runs (or resumes) an import. "busy": another import of the same school is being applied, or
 * another worker holds this one — try later. Safe to call from any number of processes.
 */
export async function runSisImport(
  importId: number,
  opts: { onProgress?: Progress } = {},
): Promise<RunResult> {
  const first = await loadImport(pool, importId);
  if (!first || !["created", "importing"].includes(first.workflow_state)) return "finished-already";
  return withSchoolLock(first.root_account_id, (client) => runLocked(client, importId, opts.onProgress));
}

async function runLocked(client: pg.PoolClient, importId: number, onProgress?: Progress): Promise<RunResult> {
  const claim = await claimImport(client, importId);
  if (claim !== "claimed") return claim;
  const imp = (await loadImport(client, importId))!;
  try {
    const setupLink = await setupLinkBase(imp.root_account_id);
    const batch = (lo: number): Batch => ({
      client,
      importId,
      lo,
      hi: Math.min(lo + BATCH_SIZE, imp.total_rows),
      rootAccountId: imp.root_account_id,
      schoolName: imp.school,
      actorId: imp.created_by_id,
      skipDeletes: imp.skip_deletes,
      setupLink,
    });
    if (imp.dry_run) await dryRun(client, imp, batch, onProgress);
    else {
      for (let lo = imp.processed_seq; lo < imp.total_rows; lo += BATCH_SIZE) {
        if (await aborted(client, importId)) break; // the rows applied before it are still told (below)
        await inTx(client, async () => {
          const b = batch(lo);
          await applyBatch(b);
          await reportBatch(b, client, imp.total_rows);
        });
        onProgress?.(Math.min(lo + BATCH_SIZE, imp.total_rows), imp.total_rows);
      }
      await notifyImport(client, imp);
      deliverSoon();
    }
    await finish(client, importId);
  } catch (err) {
    if (isConnectionLost(err)) {
      console.error(`[import ${importId}] lost its database connection; it resumes from its checkpoint`);
      throw err;
    }
    console.error(`[import ${importId}] failed`, err);
    if (!imp.dry_run) await notifyImport(client, imp).catch(() => {}); // applied rows are told, as on abort
    await fail(importId, err);
  }
  return "done";
}
