import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/session";
import { AUDIT_ACTIONS, AUDIT_METHODS, auditFilterSchema, listAuditEvents } from "@/lib/admin/audit";
import { formatDateTime, methodWords } from "@/lib/format-time";
import { pageRequest } from "@/lib/pagination";
import { Notice } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";

export const metadata: Metadata = { title: "Audit log" };

const PER_PAGE = 25;
type Params = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const raw = await searchParams;
  const str = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : "");
  const form = { action: str("action"), method: str("method"), user: str("user"), from: str("from"), to: str("to") };
  const parsed = auditFilterSchema.safeParse(form);
  const filter = parsed.success ? parsed.data : { user: "" };
  const page = pageRequest({ page: raw.page, per_page: PER_PAGE });
  const { items, total } = await listAuditEvents(actor, { filter, page });
  const query = new URLSearchParams(Object.entries(form).filter(([, v]) => v));
  const input = "rounded-md border border-slate-400 bg-white px-3 py-2";
  const cell = "px-3 py-2 align-top";
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">Audit log</h1>
      <form aria-label="Filter the audit log" className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Event
          <select name="action" defaultValue={form.action} className={input}>
            <option value="">Any event</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Method
          <select name="method" defaultValue={form.method} className={input}>
            <option value="">Any method</option>
            {AUDIT_METHODS.map((m) => (
              <option key={m} value={m}>
                {methodWords(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          User (name, login or id)
          <input name="user" type="search" defaultValue={form.user} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          From (UTC date)
          <input name="from" type="date" defaultValue={form.from} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          To (UTC date)
          <input name="to" type="date" defaultValue={form.to} className={input} />
        </label>
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
            Filter
          </button>
          <a href={`/admin/audit/export?${query}`} className="rounded-md border border-slate-400 px-4 py-2 font-semibold text-blue-800 hover:bg-slate-100" download>
            Export CSV
          </a>
        </div>
      </form>
      {!parsed.success && <Notice tone="error">Some filters were not valid and were ignored: {parsed.error.issues.map((i) => i.message).join(" ")}</Notice>}
      <p className="text-sm text-slate-700">{total === 0 ? "No events match." : `${total} ${total === 1 ? "event" : "events"}.`}</p>
      {items.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="bg-slate-100">
              <tr>
                {["Time", "Event", "Actor", "Subject", "Other user", "Method", "Account", "IP"].map((h) => (
                  <th key={h} scope="col" className={cell}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {items.map((e) => (
                <tr key={e.id}>
                  <td className={`${cell} whitespace-nowrap`}>{formatDateTime(e.at)}</td>
                  <td className={cell}>{e.action}</td>
                  <td className={cell}>{e.actor ?? "—"}</td>
                  <td className={cell}>{e.subject ?? "—"}</td>
                  <td className={cell}>{e.target ?? "—"}</td>
                  <td className={cell}>{methodWords(e.method)}</td>
                  <td className={cell}>{e.account ?? "—"}</td>
                  <td className={cell}>{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination label="Audit log pages" page={page.page} perPage={PER_PAGE} total={total} href={(p) => `/admin/audit?${new URLSearchParams([...query, ["page", String(p)]])}`} />
    </div>
  );
}
