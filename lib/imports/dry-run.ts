import "server-only";
// A dry run: every batch applied in one transaction and rolled back, so its counts are exactly
// what the real run would do; the report is written through another connection, so it stays.
import type pg from "pg";
import { pool } from "../platform/db.ts";
import { applyBatch, BATCH_SIZE, type ImportRow, type Progress } from "./apply-batch.ts";
import type { Batch } from "./batch.ts";
import { reportBatch } from "./report.ts";
import { aborted } from "./state.ts";

export async function dryRun(
  client: pg.PoolClient,
  imp: ImportRow,
  batch: (lo: number) => Batch,
  onProgress?: Progress,
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
        onProgress?.(Math.min(lo + BATCH_SIZE, imp.total_rows), imp.total_rows);
      }
    } finally {
      await client.query("ROLLBACK");
    }
  } finally {
    reporter.release();
  }
}
