import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import {
  AUDIT_ACTIONS,
  AUDIT_METHODS,
  auditFilterSchema,
  listAuditEvents,
  type AuditRow,
} from "@/lib/admin/audit-log";
import { formatDateTime, methodWords } from "@/components/format";
import { actionLabel } from "@/lib/audit/words";
import { pageRequest } from "@/lib/platform/pagination";
import type { Column } from "@/components/ui/data-table";
import { Notice } from "@/components/ui/notice";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { PlainField, type Option } from "@/components/ui/plain-field";

export const metadata: Metadata = { title: "Audit log" };

const PER_PAGE = 25;
type Params = Record<string, string | string[] | undefined>;

const FILTERS: { name: string; label: string; options?: Option[]; type?: "search" | "date" }[] = [
  {
    name: "action",
    label: "Event",
    options: [
      { value: "", text: "Any event" },
      ...AUDIT_ACTIONS.map((a) => ({ value: a, text: `${actionLabel(a)} (${a})` })),
    ],
  },
  {
    name: "method",
    label: "Method",
    options: [
      { value: "", text: "Any method" },
      ...AUDIT_METHODS.map((m) => ({ value: m, text: methodWords(m) })),
    ],
  },
  { name: "user", label: "User (name, login or id)", type: "search" },
  { name: "from", label: "From (UTC date)", type: "date" },
  { name: "to", label: "To (UTC date)", type: "date" },
];

const orDash = (v: string | null) => v ?? "—";
const COLUMNS: Column<AuditRow>[] = [
  { header: "Time", cell: (e) => formatDateTime(e.at), className: "sm:whitespace-nowrap" },
  { header: "What happened", cell: (e) => e.description, className: "min-w-64" },
  {
    header: "Event",
    cell: (e) => (
      <>
        {e.label}
        <span className="block font-mono text-xs text-slate-700">{e.action}</span>
      </>
    ),
  },
  { header: "Method", cell: (e) => methodWords(e.method) },
  { header: "Account", cell: (e) => orDash(e.account) },
  { header: "IP", cell: (e) => orDash(e.ip) },
];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const form = Object.fromEntries(
    FILTERS.map(({ name }) => [name, typeof raw[name] === "string" ? (raw[name] as string) : ""]),
  );
  const parsed = auditFilterSchema.safeParse(form);
  const filter = parsed.success ? parsed.data : { user: "" };
  const page = pageRequest({ page: raw.page, per_page: PER_PAGE });
  const { items, total } = await listAuditEvents(actor, { filter, page });
  const query = new URLSearchParams(Object.entries(form).filter(([, v]) => v));
  return (
    <Page title="Audit log" compact>
      <form
        aria-label="Filter the audit log"
        className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
      >
        {FILTERS.map((f) => (
          <PlainField key={f.name} id={`audit-${f.name}`} {...f} defaultValue={form[f.name]} />
        ))}
        <div className="flex flex-wrap items-end gap-3">
          <button
            type="submit"
            className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
          >
            Filter
          </button>
          <a
            href={`/admin/audit/export?${query}`}
            className="rounded-md border border-slate-400 px-4 py-2 font-semibold text-blue-800 hover:bg-slate-100"
            download
          >
            Export CSV
          </a>
        </div>
      </form>
      {!parsed.success && (
        <Notice tone="error">
          Some filters were not valid and were ignored: {parsed.error.issues.map((i) => i.message).join(" ")}
        </Notice>
      )}
      <PagedTable
        summary={total === 0 ? "No events match." : `${total} ${total === 1 ? "event" : "events"}.`}
        label="Audit events table"
        caption="Audit events, newest first"
        columns={COLUMNS}
        rows={items}
        stacked
        pages={{
          label: "Audit log pages",
          page,
          total,
          href: (p) => `/admin/audit?${new URLSearchParams([...query, ["page", String(p)]])}`,
        }}
      />
    </Page>
  );
}
