import "server-only";
// What an import changed, change by change: the links it created, restored and removed (all-courses
// and one-course), the accounts it made, the emails it queued — with the people's names, SIS ids and
// logins, and the file and row that made each change. Read from where the import already wrote it
// (its audit events carry data.sisImportId; its emails, sis_import_id) rather than written twice,
// so applying an import stays as fast as it was. A large import has 100,000 changes: pages are
// read by keyset (kind, then id) on indexes, and the CSV is streamed a page at a time.
import { z } from "zod";
import { pool } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { csvRows } from "../platform/csv.ts";
import { paramError } from "../platform/errors.ts";
import { findImport } from "./read.ts";

/** In the order the log lists them. */
export const CHANGE_KINDS = [
  "link_created",
  "link_restored",
  "link_removed",
  "course_link_created",
  "course_link_removed",
  "account_created",
  "email_queued",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const AUDIT_ACTION: Record<Exclude<ChangeKind, "email_queued">, string> = {
  link_created: "link.created",
  link_restored: "link.restored",
  link_removed: "link.removed",
  course_link_created: "course_link.created",
  course_link_removed: "course_link.removed",
  account_created: "user.registered",
};

export type ChangePerson = { id: number; name: string; sis_user_id: string | null; login_id: string | null };
export type ImportChangeJson = {
  kind: ChangeKind;
  /** The audit event's id (the outbox email's for email_queued): with kind, the position in the log. */
  id: number;
  created_at: string;
  student: ChangePerson | null;
  observer: ChangePerson | null;
  /** account_created: the account made. */
  account: ChangePerson | null;
  email: { to: string; subject: string } | null;
  /** course_link_*: the course. */
  course_id: number | null;
  /** The staged file and row (as a spreadsheet numbers it) that made the change, where one did. */
  file: string | null;
  row: number | null;
};

export const changeLogQuerySchema = z.object({
  kind: z.enum(CHANGE_KINDS).optional(),
  /** The `next` of the previous page. */
  after: z
    .string()
    .regex(/^\d{1,2}\.\d{1,10}$/, "must be the next cursor of a previous page")
    .optional(),
  per_page: z.coerce.number().int().min(1).max(1000).default(50),
});
export type ChangeLogQuery = z.input<typeof changeLogQuerySchema>;

type Ref = { accountId: number; importId: number };
type Raw = {
  kind: ChangeKind;
  k: number;
  id: number;
  created_at: Date;
  subject_id: number | null;
  target_id: number | null;
  course_id: number | null;
  to: string | null;
  subject: string | null;
};

/** How many changes of each kind the import made. */
export async function importChangeCounts(actor: Actor, input: Ref): Promise<Record<ChangeKind, number>> {
  const imp = await findImport(actor, input.accountId, input.importId);
  const [events, emails] = await Promise.all([
    pool.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_events
        WHERE data ? 'sisImportId' AND data->>'sisImportId' = $1 GROUP BY action`,
      [String(imp.id)],
    ),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_emails WHERE sis_import_id = $1`, [
      imp.id,
    ]),
  ]);
  const byAction = new Map(events.rows.map((r) => [r.action, r.n]));
  return Object.fromEntries(
    CHANGE_KINDS.map((k) => [
      k,
      k === "email_queued" ? emails.rows[0].n : (byAction.get(AUDIT_ACTION[k]) ?? 0),
    ]),
  ) as Record<ChangeKind, number>;
}

/** One page of the change log, and the cursor of the next (null on the last page). */
export async function listImportChanges(
  actor: Actor,
  input: Ref & ChangeLogQuery,
): Promise<{ items: ImportChangeJson[]; next: string | null }> {
  const q = changeLogQuerySchema.safeParse(input);
  if (!q.success) {
    const issue = q.error.issues[0];
    throw paramError(String(issue.path[0] ?? "kind"), issue.message);
  }
  const imp = await findImport(actor, input.accountId, input.importId);
  return pageOf(imp, q.data.kind ? [q.data.kind] : [...CHANGE_KINDS], q.data.after ?? null, q.data.per_page);
}

const CSV_COLUMNS = [
  "sis_import_id",
  "change",
  "student_name",
  "student_sis_id",
  "student_login",
  "observer_name",
  "observer_sis_id",
  "observer_login",
  "account_name",
  "account_sis_id",
  "account_login",
  "email_to",
  "email_subject",
  "course_id",
  "file",
  "row",
  "created_at",
];

/**
 * The whole change log as CSV, streamed a page at a time (spreadsheet-safe cells). Authorizes
 * before the first byte, so a refusal is an ordinary error answer.
 */
export async function importChangesCsv(actor: Actor, input: Ref & { kind?: ChangeKind }) {
  const imp = await findImport(actor, input.accountId, input.importId);
  const kinds = input.kind ? [input.kind] : [...CHANGE_KINDS];
  const person = (p: ChangePerson | null) => [p?.name ?? "", p?.sis_user_id ?? "", p?.login_id ?? ""];
  return (async function* () {
    yield csvRows([CSV_COLUMNS]);
    let after: string | null = null;
    do {
      const page: { items: ImportChangeJson[]; next: string | null } = await pageOf(imp, kinds, after, 2000);
      yield csvRows(
        page.items.map((c) => [
          String(imp.id),
          c.kind,
          ...person(c.student),
          ...person(c.observer),
          ...person(c.account),
          c.email?.to ?? "",
          c.email?.subject ?? "",
          c.course_id === null ? "" : String(c.course_id),
          c.file ?? "",
          c.row === null ? "" : String(c.row),
          c.created_at,
        ]),
      );
      after = page.next;
    } while (after !== null);
  })();
}

/** A page of one kind of the import's audit events ($1 import id as text, $2 action, $3 after id, $4 limit). */
export const EVENTS_PAGE_SQL = `
  SELECT id, created_at, subject_id, target_id, (data->>'courseId')::int AS course_id FROM audit_events
   WHERE data ? 'sisImportId' AND data->>'sisImportId' = $1 AND action = $2 AND id > $3
   ORDER BY id LIMIT $4`;

async function pageOf(
  imp: { id: number; rootAccountId: number },
  kinds: ChangeKind[],
  after: string | null,
  limit: number,
): Promise<{ items: ImportChangeJson[]; next: string | null }> {
  const [fromKind, fromId] = after ? after.split(".").map(Number) : [0, 0];
  const got: Raw[] = [];
  for (let k = fromKind; k < CHANGE_KINDS.length && got.length <= limit; k++) {
    const kind = CHANGE_KINDS[k];
    if (!kinds.includes(kind)) continue;
    const since = k === fromKind ? fromId : 0;
    const need = limit + 1 - got.length;
    const { rows } =
      kind === "email_queued"
        ? await pool.query<Raw>(
            `SELECT id, created_at, "to", subject FROM outbox_emails
              WHERE sis_import_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
            [imp.id, since, need],
          )
        : await pool.query<Raw>(EVENTS_PAGE_SQL, [String(imp.id), AUDIT_ACTION[kind], since, need]);
    got.push(...rows.map((r) => ({ ...r, kind, k })));
  }
  const page = got.slice(0, limit);
  const last = page.at(-1);
  const next = got.length > limit && last ? `${last.k}.${last.id}` : null;
  return { items: await describe(imp, page), next };
}

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
async function describe(
  imp: { id: number; rootAccountId: number },
  page: Raw[],
): Promise<ImportChangeJson[]> {
  const ids = [...new Set(page.flatMap((c) => [c.subject_id, c.target_id]).filter((x) => x !== null))];
  if (ids.length === 0) return page.map((c) => toJson(c, new Map(), null));
  const [people, staged] = await Promise.all([
    pool.query<ChangePerson>(
      `SELECT u.id, u.name, lg.sis_user_id, lg.unique_id AS login_id FROM users u
         LEFT JOIN LATERAL (SELECT l.sis_user_id, l.unique_id FROM logins l
                             WHERE l.user_id = u.id AND l.root_account_id = $2
                             ORDER BY (l.workflow_state = 'active') DESC, l.id LIMIT 1) lg ON true
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
