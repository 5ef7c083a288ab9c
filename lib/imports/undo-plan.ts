import "server-only";
// What undoing an import would revert, read from the import's own audit events (each link it
// created, restored or removed carries data.sisImportId): per pair, its last change by the import
// is reverted, unless the pair has changed since — a later event of the pair (another import, an
// admin, a parent) or a link no longer as the import left it — then it is skipped, never clobbered.
// A pair the import both removed and linked again (or the reverse) is as it was: nothing to do.
import type pg from "pg";

/** The plan's temporary table: (s student, o observer, change 'remove'|'restore', skipped reason). */
export const UNDO_PLAN = "undo_plan";

const LINK_ACTIONS = `('link.created', 'link.restored', 'link.removed')`;

/** Builds UNDO_PLAN for import $1 of root account $2, in the caller's transaction. */
export async function planUndo(client: pg.ClientBase, importId: number, rootAccountId: number) {
  await client.query(
    `CREATE TEMP TABLE ${UNDO_PLAN} ON COMMIT DROP AS
     WITH ev AS (
       SELECT subject_id AS s, target_id AS o,
              (array_agg(action ORDER BY id))[1] AS first_action,
              (array_agg(action ORDER BY id DESC))[1] AS last_action,
              max(id) AS last_id
         FROM audit_events
        WHERE data ? 'sisImportId' AND data->>'sisImportId' = $1::text AND root_account_id = $2
          AND action IN ${LINK_ACTIONS}
        GROUP BY subject_id, target_id)
     SELECT ev.s, ev.o,
            CASE WHEN ev.last_action = 'link.removed' THEN 'restore' ELSE 'remove' END AS change,
            CASE
              WHEN EXISTS (SELECT 1 FROM audit_events later
                            WHERE later.subject_id = ev.s AND later.target_id = ev.o AND later.root_account_id = $2
                              AND later.action IN ${LINK_ACTIONS} AND later.id > ev.last_id)
                THEN 'Changed since the import'
              WHEN ev.last_action = 'link.removed' AND l.workflow_state = 'active' THEN 'Linked again since the import'
              WHEN ev.last_action <> 'link.removed' AND l.workflow_state IS DISTINCT FROM 'active'
                THEN 'Removed since the import'
            END AS skipped
       FROM ev LEFT JOIN observation_links l ON l.student_id = ev.s AND l.observer_id = ev.o AND l.root_account_id = $2
      WHERE (ev.first_action = 'link.removed') = (ev.last_action = 'link.removed')`,
    [importId, rootAccountId],
  );
}

export type UndoCounts = { remove: number; restore: number; skipped: number };

export type UndoPair = {
  studentId: number;
  studentName: string;
  observerId: number;
  observerName: string;
  change: "remove" | "restore";
  /** Why this pair is left as it is (it changed since the import); null: it is reverted. */
  skipped: string | null;
};

export async function planCounts(client: pg.ClientBase): Promise<UndoCounts> {
  const { rows } = await client.query<UndoCounts>(
    `SELECT count(*) FILTER (WHERE skipped IS NULL AND change = 'remove')::int AS remove,
            count(*) FILTER (WHERE skipped IS NULL AND change = 'restore')::int AS restore,
            count(*) FILTER (WHERE skipped IS NOT NULL)::int AS skipped
       FROM ${UNDO_PLAN}`,
  );
  return rows[0];
}

/** The plan's first `limit` pairs with their names: the skipped ones first, then by student. */
export async function planPairs(client: pg.ClientBase, limit: number): Promise<UndoPair[]> {
  const { rows } = await client.query<UndoPair>(
    `SELECT p.s AS "studentId", st.name AS "studentName", p.o AS "observerId", ob.name AS "observerName",
            p.change, p.skipped
       FROM ${UNDO_PLAN} p JOIN users st ON st.id = p.s JOIN users ob ON ob.id = p.o
      ORDER BY p.skipped IS NULL, st.sortable_name, st.id, ob.sortable_name, ob.id
      LIMIT $1`,
    [limit],
  );
  return rows;
}

/** The pairs to revert with `change`, as a pair source for lib/observer-links/sets.ts. */
export const planSource = (change: "remove" | "restore") => ({
  sql: `SELECT s, o FROM ${UNDO_PLAN} WHERE skipped IS NULL AND change = $1`,
  params: [change],
});
