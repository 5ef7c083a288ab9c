import type { Metadata } from "next";
import Link from "next/link";
import { listSisImports } from "@/lib/imports/imports";
import type { SisImportJson } from "@/lib/imports/json";
import { pageRequest } from "@/lib/platform/pagination";
import { requireActor } from "@/lib/identity/session";
import { formatDateTime } from "@/components/format";
import type { Column } from "@/components/ui/data-table";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { Section } from "@/components/ui/section";
import { importAccounts } from "./lookup";
import { ScheduledSync } from "./scheduled-sync";
import { UploadForm } from "./upload-form";
import { viewerTimeZone } from "../../time-zone";
import { isRunning, number, resultWords, stateWords, toImportStatus } from "./words";

export const metadata: Metadata = { title: "Imports" };

const PER_PAGE = 20;
const COLUMNS_OF_ROSTER = [
  "student_sis_id",
  "guardian_email",
  "guardian_name",
  "guardian_sis_id",
  "relationship",
];
const link = "text-blue-800 underline underline-offset-4";

const COLUMNS: Column<SisImportJson>[] = [
  {
    header: "Import",
    cell: (i) => (
      <Link href={`/admin/imports/${i.id}`} className={`font-semibold ${link}`}>
        {i.dry_run ? "Dry run" : "Import"} {i.id}
      </Link>
    ),
    className: "sm:whitespace-nowrap",
  },
  { header: "Uploaded", cell: (i) => formatDateTime(i.created_at) },
  {
    header: "By",
    cell: (i) => (i.sync_schedule ? `Scheduled sync “${i.sync_schedule.name}”` : (i.user?.name ?? "—")),
  },
  {
    header: "Files",
    cell: (i) => i.files.map((f) => `${f.name} (${number(f.rows)} rows)`).join(", ") || "—",
    className: "break-all",
  },
  {
    header: "State",
    cell: (i) =>
      isRunning(i.workflow_state)
        ? `${stateWords(i.workflow_state)} (${i.progress}%)`
        : stateWords(i.workflow_state),
  },
  {
    header: "Result",
    cell: (i) => (isRunning(i.workflow_state) ? "—" : resultWords(toImportStatus(i))),
  },
];

function Formats() {
  return (
    <div className="mt-6 flex flex-col gap-2 text-sm text-slate-800">
      <h3 className="text-base font-semibold">Accepted formats</h3>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <strong>Family roster</strong> (CSV), one row per student and guardian, with the columns{" "}
          {COLUMNS_OF_ROSTER.map((c, n) => (
            <span key={c}>
              {n > 0 && ", "}
              <code>{c}</code>
            </span>
          ))}{" "}
          (<code>student_login</code> may stand in for the SIS id; the last two columns are optional).{" "}
          <a href="/examples/family-roster.csv" download className={link}>
            Download an example roster (CSV)
          </a>
        </li>
        <li>
          <strong>Canvas SIS CSV</strong>: users.csv, user_observers.csv and enrollments.csv (its observer
          rows, which link an observer in one course) — several at once, or in one .zip.
        </li>
        <li>
          <strong>OneRoster 1.1</strong> users.csv: its parent, guardian and relative rows.
        </li>
      </ul>
      <p>
        Guardians without an account get one, and an email to choose their password. A guardian observes their
        student in every course the student is enrolled in.
      </p>
    </div>
  );
}

export default async function ImportsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; account?: string }>;
}) {
  const actor = await requireActor();
  const accounts = await importAccounts(actor);
  if (accounts.length === 0)
    return (
      <Page title="Imports">
        <p className="text-slate-700">
          Only admins of a whole institution (a root account) can import families.
        </p>
      </Page>
    );
  const params = await searchParams;
  const account = accounts.find((a) => String(a.id) === params.account) ?? accounts[0];
  const page = pageRequest({ page: params.page, per_page: PER_PAGE });
  const { items, total } = await listSisImports(actor, { accountId: account.id, page });
  const query = (p: number) => new URLSearchParams({ account: String(account.id), page: String(p) });
  return (
    <Page
      title="Imports"
      lead={`Pair parents with students in bulk from your student information system's export${
        accounts.length > 1 ? `, into ${account.name}` : ""
      }.`}
    >
      {accounts.length > 1 && (
        <nav aria-label="Schools" className="flex flex-wrap gap-3 text-sm">
          {accounts.map((a) => (
            <Link
              key={a.id}
              href={`/admin/imports?account=${a.id}`}
              aria-current={a.id === account.id ? "page" : undefined}
              className={a.id === account.id ? "font-semibold" : link}
            >
              {a.name}
            </Link>
          ))}
        </nav>
      )}
      <Section id="upload" title="Upload a file">
        <UploadForm accountId={account.id} />
        <Formats />
      </Section>
      <ScheduledSync actor={actor} accountId={account.id} timeZone={await viewerTimeZone()} />
      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          History
        </h2>
        <PagedTable
          summary={
            total === 0
              ? "No imports yet."
              : `${number(total)} ${total === 1 ? "import" : "imports"}, newest first.`
          }
          label="Imports table"
          caption="Imports, newest first"
          columns={COLUMNS}
          rows={items}
          stacked
          pages={{ label: "Imports pages", page, total, href: (p) => `/admin/imports?${query(p)}` }}
        />
      </section>
    </Page>
  );
}
