import Link from "next/link";
import {
  CHANGE_KINDS,
  type ChangeKind,
  type ChangePerson,
  type ImportChangeJson,
} from "@/lib/imports/change-log";
import { formatDateTime } from "@/components/format";
import { DataTable, type Column } from "@/components/ui/data-table";
import { number } from "../words";

export const CHANGE_KIND_WORDS: Record<ChangeKind, string> = {
  link_created: "Links created",
  link_restored: "Links restored",
  link_removed: "Links removed",
  course_link_created: "Course links created",
  course_link_removed: "Course links removed",
  account_created: "Accounts created",
  email_queued: "Emails queued",
};

const ONE: Record<ChangeKind, string> = {
  link_created: "Link created",
  link_restored: "Link restored",
  link_removed: "Link removed",
  course_link_created: "Course link created",
  course_link_removed: "Course link removed",
  account_created: "Account created",
  email_queued: "Email queued",
};

function person(p: ChangePerson | null) {
  if (!p) return "someone no longer here";
  const ids = [p.sis_user_id && `SIS id ${p.sis_user_id}`, p.login_id && `login ${p.login_id}`].filter(
    Boolean,
  );
  return ids.length ? `${p.name} (${ids.join(", ")})` : p.name;
}

function details(c: ImportChangeJson) {
  const pair = `${person(c.observer)} → ${person(c.student)}`;
  switch (c.kind) {
    case "link_created":
      return `${pair}: now observes`;
    case "link_restored":
      return `${pair}: observes again`;
    case "link_removed":
      return `${pair}: no longer observes`;
    case "course_link_created":
      return `${pair}: now observes in course ${c.course_id}`;
    case "course_link_removed":
      return `${pair}: no longer observes in course ${c.course_id}`;
    case "account_created":
      return person(c.account);
    case "email_queued":
      return `To ${c.email?.to}: “${c.email?.subject}”`;
  }
}

const COLUMNS: Column<{ id: string; c: ImportChangeJson }>[] = [
  { header: "Change", cell: ({ c }) => ONE[c.kind] },
  { header: "Details", cell: ({ c }) => details(c), className: "wrap-anywhere" },
  {
    header: "File and row",
    cell: ({ c }) => (c.file ? `${c.file}${c.row === null ? "" : `, row ${c.row}`}` : "—"),
    className: "break-all",
  },
  { header: "When", cell: ({ c }) => formatDateTime(c.created_at) },
];

/**
 * The import's change log: counts per kind, a filter by kind, one page of changes (keyset pages:
 * "Next page" carries the last change's cursor), the CSV download.
 */
export function ChangeLog(props: {
  importId: number;
  counts: Record<ChangeKind, number>;
  kind: ChangeKind | undefined;
  after: string | undefined;
  items: ImportChangeJson[];
  next: string | null;
  running: boolean;
}) {
  const { importId, counts, kind, items } = props;
  const total = CHANGE_KINDS.reduce((n, k) => n + counts[k], 0);
  const href = (q: { kind?: string; after?: string }) => {
    const p = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1]));
    return `/admin/imports/${importId}${p.size ? `?${p}` : ""}#changes-heading`;
  };
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" aria-label="Changes by kind">
        {CHANGE_KINDS.map((k) => (
          <div key={k} className="flex justify-between gap-2">
            <dt className="text-slate-700">{CHANGE_KIND_WORDS[k]}</dt>
            <dd className="font-semibold">{number(counts[k])}</dd>
          </div>
        ))}
      </dl>
      <form
        method="get"
        action={`/admin/imports/${importId}#changes-heading`}
        className="flex flex-wrap items-end gap-2"
      >
        <label className="flex flex-col text-sm font-semibold">
          Change kind
          <select
            name="kind"
            defaultValue={kind ?? ""}
            className="mt-1 rounded border border-slate-400 px-2 py-1 font-normal"
          >
            <option value="">All changes ({number(total)})</option>
            {CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANGE_KIND_WORDS[k]} ({number(counts[k])})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-400 bg-white px-3 py-1 font-semibold">
          Show
        </button>
      </form>
      {items.length === 0 ? (
        <p className="text-slate-700">
          {props.running
            ? "No changes so far."
            : kind
              ? `No changes of this kind (${CHANGE_KIND_WORDS[kind].toLowerCase()}).`
              : "This import changed nothing: no links, accounts or emails."}
        </p>
      ) : (
        <DataTable
          label="Change log table"
          caption="What this import changed, and the file and row that made each change"
          columns={COLUMNS}
          rows={items.map((c) => ({ id: `${c.kind}.${c.id}`, c }))}
          stacked
          className="rounded-lg border border-slate-200 bg-white"
        />
      )}
      {(props.after || props.next) && (
        <nav aria-label="Change log pages" className="flex gap-4">
          {props.after && (
            <Link className="text-blue-800 underline underline-offset-4" href={href({ kind })}>
              First page
            </Link>
          )}
          {props.next && (
            <Link
              className="text-blue-800 underline underline-offset-4"
              href={href({ kind, after: props.next })}
            >
              Next page
            </Link>
          )}
        </nav>
      )}
      {total > 0 && (
        <p>
          <a
            href={`/admin/imports/${importId}/changes.csv`}
            download
            className="font-semibold text-blue-800 underline underline-offset-4"
          >
            Download the change log (CSV)
          </a>
        </p>
      )}
    </div>
  );
}
