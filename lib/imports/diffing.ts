import "server-only";
// Snapshots, as Canvas's diffing: an import naming a data set is compared with the previous
// finished import of that data set, and each pair the previous one linked that this one no longer
// lists is staged as a removal (status deleted), so it is applied, counted and audited like any
// other row. Before anything is applied, change_threshold guards against a truncated export
// wiping a school: more removals than that share of the data set's pairs and nothing is applied.
import type pg from "pg";

export type Diffing = { dataSet: string; remaster?: boolean; changeThreshold?: number };

/** When unset: wiping a school needs an explicit change_threshold=100. */
export const DEFAULT_CHANGE_THRESHOLD = 10;

// A pair as the rows name it, the same in every file of a data set.
const PAIR_KEY = `CASE kind WHEN 'family' THEN 'f:' || student_ref_type || ':' || lower(student_ref) || ':' || lower(login_id)
                            WHEN 'user_observer' THEN 'o:' || observer_ref || ':' || student_ref END`;

export type DiffResult = { against: number | null; removals: number; pairs: number; refused: string | null };

/**
 * Stages the removals of import `importId` (whose rows are staged up to `totalRows`) against the
 * data set's previous import; returns what it found, with `refused` set when the threshold stops it.
 */
export async function stageDiff(
  client: pg.ClientBase,
  importId: number,
  rootAccountId: number,
  totalRows: number,
  diffing: Diffing,
): Promise<DiffResult> {
  if (diffing.remaster) return { against: null, removals: 0, pairs: 0, refused: null };
  const { rows: prev } = await client.query<{ id: number }>(
    `SELECT id FROM sis_imports
      WHERE root_account_id = $1 AND diffing_data_set_identifier = $2 AND id <> $3 AND NOT dry_run
        AND workflow_state IN ('imported', 'imported_with_messages')
      ORDER BY id DESC LIMIT 1`,
    [rootAccountId, diffing.dataSet, importId],
  );
  if (prev.length === 0) return { against: null, removals: 0, pairs: 0, refused: null };
  const against = prev[0].id;
  const { rows: total } = await client.query<{ n: number }>(
    `SELECT count(DISTINCT ${PAIR_KEY})::int AS n FROM sis_import_rows
      WHERE import_id = $1 AND status = 'active' AND outcome IS DISTINCT FROM 'error'`,
    [against],
  );
  // The previous import's applied pairs that no row of this one names, once each. One grouping of
  // both imports' rows by pair: linear whatever the planner guesses of rows staged a moment ago (an
  // anti-join it misjudged as small ran as a nested loop, quadratic in the file's length).
  const added = await client.query(
    `INSERT INTO sis_import_rows (import_id, seq, file, row, kind, status, login_id, email, observer_ref, student_ref,
            student_ref_type)
     SELECT $1, $3 + row_number() OVER (ORDER BY min(seq)), '(diffing against import ' || $2::int::text || ')', min(row),
            min(kind), 'deleted', min(login_id), min(email), min(observer_ref), min(student_ref), min(student_ref_type)
       FROM (SELECT true AS is_new, ${PAIR_KEY} AS k, NULL::int AS seq, NULL::int AS row, NULL::text AS kind,
                    NULL::text AS login_id, NULL::text AS email, NULL::text AS observer_ref, NULL::text AS student_ref,
                    NULL::text AS student_ref_type
               FROM sis_import_rows WHERE import_id = $1
             UNION ALL
             SELECT false, ${PAIR_KEY}, seq, row, kind, login_id, email, observer_ref, student_ref, student_ref_type
               FROM sis_import_rows
              WHERE import_id = $2::int AND status = 'active' AND outcome IS DISTINCT FROM 'error'
                AND kind IN ('family', 'user_observer')) AS both_imports
      GROUP BY k
     HAVING NOT bool_or(is_new)`,
    [importId, against, totalRows],
  );
  const removals = added.rowCount ?? 0;
  const pairs = total[0].n;
  const threshold = diffing.changeThreshold ?? DEFAULT_CHANGE_THRESHOLD;
  const refused =
    removals > 0 && removals * 100 > threshold * pairs
      ? `This import would remove ${removals} of the ${pairs} observer pairs in data set "${diffing.dataSet}" ` +
        `(${Math.round((removals * 100) / pairs)}%), more than its change_threshold of ${threshold}%: nothing was applied. ` +
        `If the file is complete, import it again with change_threshold=${Math.ceil((removals * 100) / pairs)} or more.`
      : null;
  return { against, removals, pairs, refused };
}
