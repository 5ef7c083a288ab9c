import "server-only";
// Applying a staged import: the one code path behind the API, the admin page and the CLI.
// A real run applies a batch per transaction, each advancing the checkpoint with it, so a killed
// worker resumes where it stopped and never applies a row twice. A dry run applies everything in
// one transaction and rolls it back, so its counts are exactly what the real run would do.
import type pg from "pg";
import { pool } from "../platform/db.ts";
import { deliverSoon } from "../mail/outbox.ts";
import { setupLinkBase } from "../mail/one-time-links.ts";
import { applyUsers, applyUserObservers } from "./apply-canvas.ts";
import { applyEnrollments } from "./apply-enrollments.ts";
import { applyFamilies } from "./apply-family.ts";
import { type Batch, run } from "./batch.ts";
import { notifyImport } from "./notify-guardians.ts";
import { reportBatch } from "./report.ts";
import { aborted, fail, finish, isConnectionLost } from "./state.ts";

export const BATCH_SIZE = 2000;
export const LOCK_CLASS = 0x51515; // advisory-lock namespace: one worker per root account at a time

type ImportRow = {
  id: number;
  root_account_id: number;
  created_by_id: number | null;
  workflow_state: string;
  dry_run: boolean;
  skip_deletes: boolean;
  total_rows: number;
  processed_seq: number;
  school: string;
  origin: string | null;
};

export type RunResult = "done" | "busy" | "finished-already";

async function load(client: pg.ClientBase, id: number) {
  const { rows } = await client.query<ImportRow>(
    `SELECT i.*, a.name AS school
       FROM sis_imports i JOIN accounts a ON a.id = i.root_account_id WHERE i.id = $1`,
    [id],
  );
  return rows[0];
}

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

/** Applies one batch: users first, then the links that may name them; only the kinds it holds. */
async function applyBatch(b: Batch) {
  const { rows } = await run(
    b,
    `SELECT DISTINCT r.kind FROM sis_import_rows r WHERE r.import_id = $1 AND r.seq > $2 AND r.seq <= $3`,
  );
  const kinds = new Set(rows.map((r: { kind: string }) => r.kind));
  if (kinds.has("user")) await applyUsers(b);
  if (kinds.has("user_observer")) await applyUserObservers(b);
  if (kinds.has("enrollment")) await applyEnrollments(b);
  if (kinds.has("family")) await applyFamilies(b);
}

/**
 * Runs (or resumes) an import. "busy": another import of the same school is being applied, or
 * another worker holds this one — try later. Safe to call from any number of processes.
 */
export async function runSisImport(
  importId: number,
  opts: { onProgress?: (processed: number, total: number) => void } = {},
): Promise<RunResult> {
  const lock = await pool.connect();
  // A checked-out client whose backend dies emits "error": without a listener, an uncaught exception.
  let lost: Error | undefined;
  lock.on("error", (err) => (lost = err));
  try {
    const first = await load(lock, importId);
    if (!first || !["created", "importing"].includes(first.workflow_state)) return "finished-already";
    const got = await lock.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1, $2) AS ok`, [
      LOCK_CLASS,
      first.root_account_id,
    ]);
    if (!got.rows[0].ok) return "busy";
    try {
      return await runLocked(lock, importId, opts);
    } finally {
      // On a lost connection the lock went with it.
      await lock
        .query(`SELECT pg_advisory_unlock($1, $2)`, [LOCK_CLASS, first.root_account_id])
        .catch((err) => {
          lost ??= err;
        });
    }
  } catch (err) {
    if (isConnectionLost(err)) lost ??= err as Error;
    throw err;
  } finally {
    // A broken connection is destroyed, not handed back to the pool.
    lock.release(lost);
  }
}

async function runLocked(
  client: pg.PoolClient,
  importId: number,
  opts: { onProgress?: (processed: number, total: number) => void },
): Promise<RunResult> {
  try {
    const claimed = await client.query(
      `UPDATE sis_imports SET workflow_state = 'importing', started_at = coalesce(started_at, now() AT TIME ZONE 'UTC'),
              updated_at = now() AT TIME ZONE 'UTC'
        WHERE id = $1 AND workflow_state IN ('created', 'importing')`,
      [importId],
    );
    if (claimed.rowCount === 0) return "finished-already";
  } catch (err) {
    if ((err as { code?: string }).code === "23505") return "busy"; // another import of this school is importing
    throw err;
  }
  const imp = await load(client, importId);
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
    if (imp.dry_run) await dryRun(client, imp, batch, opts);
    else {
      for (let lo = imp.processed_seq; lo < imp.total_rows; lo += BATCH_SIZE) {
        if (await aborted(client, importId)) break; // the rows applied before it are still told (below)
        await inTx(client, async () => {
          const b = batch(lo);
          await applyBatch(b);
          await reportBatch(b, client, imp.total_rows);
        });
        opts.onProgress?.(Math.min(lo + BATCH_SIZE, imp.total_rows), imp.total_rows);
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

/** Everything in one transaction, rolled back; the report goes through another connection. */
async function dryRun(
  client: pg.PoolClient,
  imp: ImportRow,
  batch: (lo: number) => Batch,
  opts: { onProgress?: (processed: number, total: number) => void },
) {
  const reporter = await pool.connect();
  try {
    // Row warnings are made again; the file's own (found while staging, row null) stay.
    await reporter.query(
      `DELETE FROM sis_import_messages WHERE import_id = $1 AND severity = 'warning' AND row IS NOT NULL`,
      [imp.id],
    );
    await reporter.query(
      `UPDATE sis_imports SET counts = '{}', processed_seq = 0,
              warning_count = (SELECT count(*) FROM sis_import_messages WHERE import_id = $1 AND severity = 'warning')
        WHERE id = $1`,
      [imp.id],
    );
    await client.query("BEGIN");
    try {
      for (let lo = 0; lo < imp.total_rows; lo += BATCH_SIZE) {
        if (await aborted(reporter, imp.id)) break;
        const b = batch(lo);
        await applyBatch(b);
        await reportBatch(b, reporter, imp.total_rows);
        opts.onProgress?.(Math.min(lo + BATCH_SIZE, imp.total_rows), imp.total_rows);
      }
    } finally {
      await client.query("ROLLBACK");
    }
  } finally {
    reporter.release();
  }
}
