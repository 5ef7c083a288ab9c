import "server-only";
// Who applies an import: one worker per school at a time (an advisory lock on the root account,
// held on a connection of its own), and the import claimed as `importing` under it.
import type pg from "pg";
import { pool } from "../platform/db.ts";
import { isConnectionLost } from "./state.ts";

export const LOCK_CLASS = 0x51515; // advisory-lock namespace: one worker per root account at a time

/**
 * Runs `work` on a connection holding the school's lock; "busy" when another worker holds it. A
 * connection that broke meanwhile is destroyed, not handed back to the pool (its lock went with it).
 */
export async function withSchoolLock<T>(
  rootAccountId: number,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T | "busy"> {
  const client = await pool.connect();
  // A checked-out client whose backend dies emits "error": without a listener, an uncaught exception.
  let lost: Error | undefined;
  client.on("error", (err) => (lost = err));
  try {
    const got = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1, $2) AS ok`, [
      LOCK_CLASS,
      rootAccountId,
    ]);
    if (!got.rows[0].ok) return "busy";
    try {
      return await work(client);
    } finally {
      await client.query(`SELECT pg_advisory_unlock($1, $2)`, [LOCK_CLASS, rootAccountId]).catch((err) => {
        lost ??= err;
      });
    }
  } catch (err) {
    if (isConnectionLost(err)) lost ??= err as Error;
    throw err;
  } finally {
    client.release(lost);
  }
}

/**
 * Marks the import `importing` (started now, unless resumed). "finished-already": it is not
 * waiting any more; "busy": another import of this school is importing (a unique index says so).
 */
export async function claimImport(
  client: pg.ClientBase,
  importId: number,
): Promise<"claimed" | "finished-already" | "busy"> {
  try {
    const claimed = await client.query(
      `UPDATE sis_imports SET workflow_state = 'importing', started_at = coalesce(started_at, now() AT TIME ZONE 'UTC'),
              updated_at = now() AT TIME ZONE 'UTC'
        WHERE id = $1 AND workflow_state IN ('created', 'importing')`,
      [importId],
    );
    return claimed.rowCount === 0 ? "finished-already" : "claimed";
  } catch (err) {
    if ((err as { code?: string }).code === "23505") return "busy";
    throw err;
  }
}
