import "server-only";
// The end-of-import notices (notify.ts, notify-guardians.ts) go out in chunks of people in id
// order, each chunk in one transaction with its checkpoint column on sis_imports, so a restart
// neither skips nor repeats anyone.
import type pg from "pg";

type Checkpoint = "notified_through" | "guardians_notified_through";

/**
 * Repeats, until `chunk` finds nobody: read the import's checkpoint (locking the import's row),
 * `chunk(after)` → the ids it told (in order), move the checkpoint to the last — all in one transaction.
 */
export async function inCheckpointedChunks(
  client: pg.ClientBase,
  importId: number,
  checkpoint: Checkpoint,
  chunk: (after: number) => Promise<number[]>,
): Promise<void> {
  for (;;) {
    await client.query("BEGIN");
    try {
      const { rows: at } = await client.query<{ through: number }>(
        `SELECT ${checkpoint} AS through FROM sis_imports WHERE id = $1 FOR UPDATE`,
        [importId],
      );
      const told = await chunk(at[0].through);
      if (told.length > 0)
        await client.query(`UPDATE sis_imports SET ${checkpoint} = $2 WHERE id = $1`, [
          importId,
          told[told.length - 1],
        ]);
      await client.query("COMMIT");
      if (told.length === 0) return;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    }
  }
}
