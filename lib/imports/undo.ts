import "server-only";
// "Undo this import" (issue 17 §6): within 30 days of its end, an admin of the import's school
// reverts its link changes — links it created or restored are removed (with the observer
// enrollments they gave), links it removed are restored (with theirs) — through the same set
// rules as the import (lib/observer-links/sets.ts), audited. A dry run shows exactly what would be
// reverted and what is skipped because it changed since (undo-plan.ts). Once per import.
import { z } from "zod";
import { pool } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../platform/errors.ts";
import { linkPairSet, unlinkPairSet, type PairSetContext } from "../observer-links/sets.ts";
import { withSchoolLock } from "./lock.ts";
import { findImport } from "./read.ts";
import { planCounts, planPairs, planSource, planUndo, type UndoPair } from "./undo-plan.ts";

export type { UndoPair } from "./undo-plan.ts";

/** How long after its end an import may be undone. */
export const UNDO_DAYS = 30;
/** At most this many pairs are listed (the counts are always whole). */
export const UNDO_PAIRS_LISTED = 1000;

export const undoInputSchema = z.object({
  accountId: z.number().int().positive(),
  importId: z.number().int().positive(),
  dryRun: z.boolean(),
});
export type UndoInput = z.infer<typeof undoInputSchema>;

export type UndoResult = {
  importId: number;
  dryRun: boolean;
  /** Links removed (or, in a dry run, that would be): the ones the import created or restored. */
  removed: number;
  /** Links restored (or that would be): the ones the import removed. */
  restored: number;
  /** Pairs left as they are because they changed since the import. */
  skipped: number;
  pairs: UndoPair[];
  pairsTotal: number;
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Whether the import may be undone now; the reason it may not, in words, otherwise. */
async function refusal(found: Awaited<ReturnType<typeof findImport>>): Promise<AppError | null> {
  if (found.dryRun)
    return new AppError("bad_request", "A dry run changed nothing, so there is nothing to undo.");
  if (!found.endedAt || ["created", "importing"].includes(found.workflowState))
    return new AppError(
      "bad_request",
      "This import has not finished yet: it can be undone once it has ended.",
    );
  const { rows } = await pool.query<{ undone_at: Date | null }>(
    `SELECT undone_at FROM sis_imports WHERE id = $1`,
    [found.id],
  );
  if (rows[0]?.undone_at)
    return new AppError("conflict", `This import was already undone on ${day(rows[0].undone_at)}.`);
  if (Date.now() - found.endedAt.getTime() > UNDO_DAYS * 24 * 3600 * 1000)
    return new AppError(
      "unprocessable",
      `This import ended on ${day(found.endedAt)}, more than ${UNDO_DAYS} days ago, so it can no longer be undone.`,
    );
  return null;
}

/** Whether the page offers "Undo this import", and if not, why (null: it does). */
export async function undoUnavailable(
  actor: Actor,
  input: { accountId: number; importId: number },
): Promise<string | null> {
  return (await refusal(await findImport(actor, input.accountId, input.importId)))?.message ?? null;
}

/**
 * POST …/sis_imports/:id/undo and the import page's "Undo this import". `dryRun`: what would be
 * reverted, changing nothing. Authorized inside: admins of the import's root account only.
 */
export async function undoSisImport(actor: Actor, input: UndoInput): Promise<UndoResult> {
  const { accountId, importId, dryRun } = undoInputSchema.parse(input);
  const found = await findImport(actor, accountId, importId);
  const refused = await refusal(found);
  if (refused) throw refused;
  const root = found.rootAccountId;
  if (dryRun) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN"); // rolled back: the plan is a temporary table
      return await plan(client, importId, root, dryRun);
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      client.release();
    }
  }
  const out = await withSchoolLock(root, async (client) => {
    await client.query("BEGIN");
    try {
      const claimed = await client.query(
        `UPDATE sis_imports SET undone_at = now() AT TIME ZONE 'UTC', undone_by_id = $2
          WHERE id = $1 AND undone_at IS NULL`,
        [importId, actor.userId],
      );
      if (claimed.rowCount === 0) throw new AppError("conflict", "This import was already undone.");
      const result = await plan(client, importId, root, dryRun);
      const ctx: PairSetContext = {
        client,
        rootAccountId: root,
        actorId: actor.userId,
        method: "admin",
        auditData: { undoneSisImportId: importId },
      };
      result.removed = await unlinkPairSet(ctx, planSource("remove"));
      result.restored = await linkPairSet(ctx, planSource("restore"));
      await client.query(
        `INSERT INTO audit_events (action, actor_id, root_account_id, method, ip, data)
         VALUES ('sis_import.undone', $1, $2, 'admin', $3, $4::jsonb)`,
        [
          actor.userId,
          root,
          actor.ip,
          JSON.stringify({
            sisImportId: importId,
            removed: result.removed,
            restored: result.restored,
            skipped: result.skipped,
          }),
        ],
      );
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    }
  });
  if (out === "busy")
    throw new AppError(
      "conflict",
      "An import (or an undo) is being applied in this school right now: try again when it has finished.",
    );
  return out;
}

async function plan(client: Parameters<typeof planUndo>[0], importId: number, root: number, dryRun: boolean) {
  await planUndo(client, importId, root);
  const counts = await planCounts(client);
  return {
    importId,
    dryRun,
    removed: counts.remove,
    restored: counts.restore,
    skipped: counts.skipped,
    pairs: await planPairs(client, UNDO_PAIRS_LISTED),
    pairsTotal: counts.remove + counts.restore + counts.skipped,
  } satisfies UndoResult;
}
