import "server-only";
// After each batch: what happened to its rows (counts by outcome, the refused rows as messages)
// and the checkpoint. A real run writes this in the batch's own transaction; a dry run, whose
// work is rolled back, writes it through another connection so the report survives.
import type pg from "pg";
import type { Batch } from "./batch.ts";

export type ImportCounts = Record<string, number>;

const KIND_COUNT: Record<string, string> = {
  user: "users",
  user_observer: "user_observers",
  enrollment: "enrollments",
  family: "families",
};

function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

export async function reportBatch(b: Batch, reporter: pg.ClientBase, totalRows: number) {
  const range = [b.importId, b.lo, b.hi];
  const [outcomes, refused] = await Promise.all([
    b.client.query<{ kind: string; outcome: string; n: number }>(
      `SELECT kind, coalesce(outcome, 'unchanged') AS outcome, count(*)::int AS n FROM sis_import_rows
        WHERE import_id = $1 AND seq > $2 AND seq <= $3 GROUP BY 1, 2`,
      range,
    ),
    b.client.query<{ file: string; row: number; message: string }>(
      `SELECT file, row, message FROM sis_import_rows
        WHERE import_id = $1 AND seq > $2 AND seq <= $3 AND outcome = 'error' ORDER BY seq`,
      range,
    ),
  ]);
  let counts: ImportCounts = {};
  for (const o of outcomes.rows) {
    const kind = KIND_COUNT[o.kind] ?? o.kind;
    const outcome = o.outcome === "error" ? "errors" : o.outcome;
    counts = addCounts(counts, { [kind]: o.outcome === "error" ? 0 : o.n, [outcome]: o.n });
  }
  if (refused.rows.length)
    await reporter.query(
      `INSERT INTO sis_import_messages (import_id, file, row, message, severity)
       SELECT $1, f, r, m, 'warning' FROM unnest($2::text[], $3::int[], $4::text[]) AS u(f, r, m)`,
      [
        b.importId,
        refused.rows.map((r) => r.file),
        refused.rows.map((r) => r.row),
        refused.rows.map((r) => r.message),
      ],
    );
  // Merged in one UPDATE (no FOR UPDATE: a dry run's open transaction holds key-share locks here).
  await reporter.query(
    `UPDATE sis_imports SET
            counts = (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (
                        SELECT k, sum(v::int) AS n FROM (
                          SELECT * FROM jsonb_each_text(counts) UNION ALL SELECT * FROM jsonb_each_text($2::jsonb)
                        ) AS e(k, v) GROUP BY k) AS t),
            warning_count = warning_count + $3::int, processed_seq = $4::int,
            progress = least(99, floor(100.0 * $4::int / greatest($5::int, 1))::int), updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = $1`,
    [b.importId, JSON.stringify(counts), refused.rows.length, b.hi, totalRows],
  );
}
