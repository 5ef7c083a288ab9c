import type { Metadata } from "next";
import { requireActor } from "@/lib/session";
import { AUDIT_ACTIONS, AUDIT_METHODS, auditFilterSchema, listAuditEvents } from "@/lib/admin/audit";
import { formatDateTime, methodWords } from "@/components/format";
import { pageRequest } from "@/lib/pagination";
import { Notice } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { TableScroll } from "@/components/ui/table-scroll";

export const metadata: Metadata = { title: "Audit log" };

const PER_PAGE = 25;
type Params = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const str = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : "");
  const form = {
    action: str("action"),
    method: str("method"),
    user: str("user"),
    from: str("from"),
    to: str("to"),
  };
  const parsed = auditFilterSchema.safeParse(form);
  const filter = parsed.success ? parsed.data : { user: "" };
  const page = pageRequest({ page: raw.page, per_page: PER_PAGE });
  const { items, total } = await listAuditEvents(actor, { filter, page });
  const query = new URLSearchParams(Object.entries(form).filter(([, v]) => v));
  const input = "rounded-md border border-slate-400 bg-white px-3 py-2";
  // On a phone each row becomes a card: cells stack and name themselves (data-label).
  const cell =
    "px-3 py-2 align-top max-sm:flex max-sm:gap-2 max-sm:py-0.5 max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:font-semibold max-sm:before:content-[attr(data-label)]";
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">Audit log</h1>
      <form
        aria-label="Filter the audit log"
        className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
      >
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="audit-action">Event</label>
          <select id="audit-action" name="action" defaultValue={form.action} className={input}>
            <option value="">Any event</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="audit-method">Method</label>
          <select id="audit-method" name="method" defaultValue={form.method} className={input}>
            <option value="">Any method</option>
            {AUDIT_METHODS.map((m) => (
              <option key={m} value={m}>
                {methodWords(m)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="audit-user">User (name, login or id)</label>
          <input id="audit-user" name="user" type="search" defaultValue={form.user} className={input} />
        </div>
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="audit-from">From (UTC date)</label>
          <input id="audit-from" name="from" type="date" defaultValue={form.from} className={input} />
        </div>
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="audit-to">To (UTC date)</label>
          <input id="audit-to" name="to" type="date" defaultValue={form.to} className={input} />
        </div>
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
      <p className="text-sm text-slate-700">
        {total === 0 ? "No events match." : `${total} ${total === 1 ? "event" : "events"}.`}
      </p>
      {items.length > 0 && (
        <TableScroll label="Audit events table" className="rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="bg-slate-100 max-sm:sr-only">
              <tr>
                {["Time", "Event", "Actor", "Subject", "Other user", "Method", "Account", "IP"].map((h) => (
                  <th key={h} scope="col" className={cell}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 max-sm:block">
              {items.map((e) => (
                <tr key={e.id} className="max-sm:block max-sm:py-2">
                  <td data-label="Time" className={`${cell} sm:whitespace-nowrap`}>
                    {formatDateTime(e.at)}
                  </td>
                  <td data-label="Event" className={cell}>
                    {e.action}
                  </td>
                  <td data-label="Actor" className={cell}>
                    {e.actor ?? "—"}
                  </td>
                  <td data-label="Subject" className={cell}>
                    {e.subject ?? "—"}
                  </td>
                  <td data-label="Other user" className={cell}>
                    {e.target ?? "—"}
                  </td>
                  <td data-label="Method" className={cell}>
                    {methodWords(e.method)}
                  </td>
                  <td data-label="Account" className={cell}>
                    {e.account ?? "—"}
                  </td>
                  <td data-label="IP" className={cell}>
                    {e.ip ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination
        label="Audit log pages"
        page={page.page}
        perPage={PER_PAGE}
        total={total}
        href={(p) => `/admin/audit?${new URLSearchParams([...query, ["page", String(p)]])}`}
      />
    </div>
  );
}
