import "server-only";
// The people of a page of changes (names, SIS ids and logins in the import's school) and the
// staged row that made each change, read for the whole page at once.
import { pool } from "../platform/db.ts";
import type { ChangePerson, ImportChangeJson, Raw } from "./change-log-kinds.ts";

type StagedRow = {
  file: string;
  row: number;
  kind: string;
  outcome: string;
  student_user_id: number | null;
  observer_user_id: number | null;
  resolved_user_id: number | null;
};

/** Names, SIS ids and logins of the people, and the row that made each change. */
export async function describe(
  imp: { id: number; rootAccountId: number },
  page: Raw[],
): Promise<ImportChangeJson[]> {
  const ids = [...new Set(page.flatMap((c) => [c.subject_id, c.target_id]).filter((x) => x !== null))];
  if (ids.length === 0) return page.map((c) => toJson(c, new Map(), null));
  const [people, staged] = await Promise.all([
    pool.query<ChangePerson>(
      `SELECT u.id, u.name, lg.sis_user_id, lg.unique_id AS login_id FROM users u
         LEFT JOIN (SELECT DISTINCT ON (l.user_id) l.user_id, l.sis_user_id, l.unique_id FROM logins l
                     WHERE l.user_id = ANY($1::int[]) AND l.root_account_id = $2
                     ORDER BY l.user_id, (l.workflow_state = 'active') DESC, l.id) lg ON lg.user_id = u.id
        WHERE u.id = ANY($1::int[])`,
      [ids, imp.rootAccountId],
    ),
    // One pass over the import's rows for the whole page (rows are not indexed by user: applying stays fast).
    pool.query<StagedRow>(
      `SELECT file, row, kind, outcome, student_user_id, observer_user_id, resolved_user_id FROM sis_import_rows
        WHERE import_id = $1 AND (
              (outcome IN ('created', 'linked', 'removed') AND student_user_id = ANY($2::int[]))
           OR (kind = 'family' AND outcome = 'created' AND observer_user_id = ANY($2::int[]))
           OR (kind = 'user' AND outcome IN ('created', 'updated') AND resolved_user_id = ANY($2::int[])))
        ORDER BY seq`,
      [imp.id, ids],
    ),
  ]);
  const who = new Map(people.rows.map((p) => [p.id, p]));
  return page.map((c) => toJson(c, who, madeBy(c, staged.rows)));
}

/** The first row of the import that made this change. */
function madeBy(c: Raw, rows: StagedRow[]): StagedRow | null {
  const s = c.subject_id;
  const o = c.target_id;
  const pair = (r: StagedRow, kinds: string[], outcomes: string[]) =>
    kinds.includes(r.kind) &&
    outcomes.includes(r.outcome) &&
    r.student_user_id === s &&
    r.observer_user_id === o;
  const links = ["family", "user_observer"];
  const find = (test: (r: StagedRow) => boolean) => rows.find(test) ?? null;
  switch (c.kind) {
    case "link_created":
    case "link_restored":
      return find((r) => pair(r, links, ["created", "linked"]));
    case "link_removed":
      // A pair the file removes, else a users.csv row deleting one of them (they left the school).
      return (
        find((r) => pair(r, links, ["removed"])) ??
        find(
          (r) =>
            r.kind === "user" &&
            r.outcome === "updated" &&
            (r.resolved_user_id === s || r.resolved_user_id === o),
        )
      );
    case "course_link_created":
      return find((r) => pair(r, ["enrollment"], ["linked"]));
    case "course_link_removed":
      return find((r) => pair(r, ["enrollment"], ["removed"]));
    case "account_created":
      return find(
        (r) =>
          r.outcome === "created" &&
          ((r.kind === "user" && r.resolved_user_id === s) ||
            (r.kind === "family" && r.observer_user_id === s)),
      );
    default:
      return null;
  }
}

function toJson(c: Raw, who: Map<number, ChangePerson>, row: StagedRow | null): ImportChangeJson {
  const person = (id: number | null) => (id === null ? null : (who.get(id) ?? null));
  const account = c.kind === "account_created";
  return {
    kind: c.kind,
    id: c.id,
    created_at: c.created_at.toISOString(),
    student: account ? null : person(c.subject_id),
    observer: account ? null : person(c.target_id),
    account: account ? person(c.subject_id) : null,
    email: c.kind === "email_queued" ? { to: c.to ?? "", subject: c.subject ?? "" } : null,
    course_id: c.course_id ?? null,
    file: row?.file ?? null,
    row: row?.row ?? null,
  };
}
