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
import {
  AUDIT_ACTION,
  CHANGE_KINDS,
  type ChangeKind,
  type ChangePerson,
  type ImportChangeJson,
  type Raw,
} from "./change-log-kinds.ts";
import { describe } from "./change-log-people.ts";
import { findImport } from "./read.ts";

export * from "./change-log-kinds.ts";

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
