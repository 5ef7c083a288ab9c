import "server-only";
// Linking and unlinking a batch's resolved (student, observer) pairs: the pairs are read from the
// staged rows, lib/observer-links/sets.ts changes the links (with their observer enrollments and
// audit events, method `sis` and the import's id), and each row gets its outcome from the pairs
// that changed (LINK_CHANGES).
import {
  LINK_CHANGES,
  linkPairSet,
  removeUsersLinks,
  unlinkPairSet,
  type PairSetContext,
} from "../observer-links/sets.ts";
import { batchArgs, run, type Batch } from "./batch.ts";

/** The import's context for lib/observer-links/sets.ts. */
export const linkContext = (b: Batch): PairSetContext => ({
  client: b.client,
  rootAccountId: b.rootAccountId,
  actorId: b.actorId,
  method: "sis",
  auditData: { sisImportId: b.importId },
});

/** The batch's rows of `kind` (with `more` conditions) as a pair source ($1 import, $2 lo, $3 hi). */
const batchPairs = (b: Batch, kind: string, more: string) => ({
  sql: `SELECT r.student_user_id, r.observer_user_id FROM sis_import_rows r
         WHERE r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = '${kind}' AND ${more}`,
  params: batchArgs(b),
});

/** This row's pair is one the last set call changed. */
const CHANGED = `EXISTS (SELECT 1 FROM ${LINK_CHANGES} p
                          WHERE p.student_id = r.student_user_id AND p.observer_id = r.observer_user_id)`;

/**
 * Links every pending row of `kind` with status active (both users resolved): creates or
 * restores the link, gives the observer their observer enrollments, audits each change, and sets
 * each row's outcome — `linked` for the first row of a changed pair, `unchanged` otherwise
 * (`created` rows were decided by the caller).
 */
export async function linkPairs(b: Batch, kind: "family" | "user_observer") {
  const pending = `(r.outcome IS NULL OR r.outcome = 'created') AND r.status = 'active'`;
  await linkPairSet(linkContext(b), batchPairs(b, kind, pending));
  await run(
    b,
    `WITH ranked AS (
       SELECT r.seq, row_number() OVER (PARTITION BY r.student_user_id, r.observer_user_id ORDER BY r.seq) AS n,
              ${CHANGED} AS changed
         FROM sis_import_rows r
        WHERE r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = '${kind}' AND ${pending})
     UPDATE sis_import_rows r
        SET outcome = CASE WHEN r.outcome = 'created' THEN 'created'
                           WHEN k.changed AND k.n = 1 THEN 'linked' ELSE 'unchanged' END
       FROM ranked k WHERE r.import_id = $1 AND r.seq = k.seq`,
  );
}

/**
 * Unlinks every pending row of `kind` with status deleted: the link and the observer enrollments
 * it gave (a course-level link stays). A user_observer row naming no active link gets Canvas's
 * message; a family row is already as the SIS wants it (`unchanged`). `skip_deletes` skips them all.
 */
export async function unlinkPairs(b: Batch, kind: "family" | "user_observer") {
  const pendingSql = `r.outcome IS NULL AND r.status = 'deleted'`;
  const pending = `r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = '${kind}' AND ${pendingSql}`;
  if (b.skipDeletes) {
    await run(b, `UPDATE sis_import_rows r SET outcome = 'skipped' WHERE ${pending}`);
    return;
  }
  const removed = await unlinkPairSet(linkContext(b), batchPairs(b, kind, pendingSql));
  const gone = removed ? CHANGED : "false";
  const missing =
    kind === "user_observer"
      ? `'Can''t delete a non-existent observer for observer: ' || r.observer_ref || ', student: ' || r.student_ref`
      : "NULL";
  await run(
    b,
    `UPDATE sis_import_rows r
        SET outcome = CASE WHEN ${gone} THEN 'removed' WHEN ${missing} IS NULL THEN 'unchanged' ELSE 'error' END,
            message = CASE WHEN ${gone} THEN NULL ELSE ${missing} END
      WHERE ${pending}`,
  );
}

/**
 * users.csv rows with status deleted whose user has no active login left in this school: as in
 * Canvas, the user leaves the school, so the links they are part of (as student or observer) and
 * the observer enrollments those links gave are removed, each audited.
 */
export async function unlinkUsersGone(b: Batch) {
  await removeUsersLinks(linkContext(b), {
    sql: `SELECT r.resolved_user_id FROM sis_import_rows r
           WHERE r.import_id = $1 AND r.seq > $2 AND r.seq <= $3 AND r.kind = 'user' AND r.status = 'deleted'
             AND r.outcome = 'updated'
             AND NOT EXISTS (SELECT 1 FROM logins l WHERE l.user_id = r.resolved_user_id AND l.root_account_id = $4
                                AND l.workflow_state = 'active')`,
    params: [...batchArgs(b), b.rootAccountId],
  });
}
