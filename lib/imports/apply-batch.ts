import "server-only";
// One batch of staged rows applied (users first, then the links that may name them), and the
// import row the runs read.
import type pg from "pg";
import { applyUsers, applyUserObservers } from "./apply-canvas.ts";
import { applyEnrollments } from "./apply-enrollments.ts";
import { applyFamilies } from "./apply-family.ts";
import { type Batch, run } from "./batch.ts";

export const BATCH_SIZE = 2000;

export type Progress = (processed: number, total: number) => void;

export type ImportRow = {
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

export async function loadImport(
  client: pg.Pool | pg.ClientBase,
  id: number,
): Promise<ImportRow | undefined> {
  const { rows } = await client.query<ImportRow>(
    `SELECT i.*, a.name AS school
       FROM sis_imports i JOIN accounts a ON a.id = i.root_account_id WHERE i.id = $1`,
    [id],
  );
  return rows[0];
}

/** Applies one batch: users first, then the links that may name them; only the kinds it holds. */
export async function applyBatch(b: Batch) {
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
