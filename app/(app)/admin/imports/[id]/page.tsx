import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listSisImportErrors, type SisImportErrorJson } from "@/lib/imports/imports";
import { changeLogQuerySchema, importChangeCounts, listImportChanges } from "@/lib/imports/change-log";
import { pageRequest } from "@/lib/platform/pagination";
import { requireActor } from "@/lib/identity/session";
import { formatDateTime } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import type { Column } from "@/components/ui/data-table";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { Section } from "@/components/ui/section";
import { idOr404 } from "../../../page-helpers";
import { runImportAction } from "../actions";
import { findImport } from "../lookup";
import { canRunForReal, countWords, FILE_KIND_WORDS, isRunning, number, toImportStatus } from "../words";
import { ChangeLog } from "./change-log";
import { ImportStatusPanel } from "./import-status";
import { UndoImport } from "./undo-import";

type Params = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string; undo?: string; undone?: string; kind?: string; after?: string }>;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Import ${(await params).id}` };
}

const PER_PAGE = 50;

const COLUMNS: Column<SisImportErrorJson & { id: number }>[] = [
  { header: "File", cell: (e) => e.file || "—", className: "break-all" },
  // Row numbers as a spreadsheet shows them (the header is row 1), without separators.
  { header: "Row", cell: (e) => (e.row === null ? "—" : String(e.row)) },
  { header: "Message", cell: (e) => e.message, className: "wrap-anywhere" },
];

export default async function ImportPage({ params, searchParams }: Params) {
  const actor = await requireActor();
  const id = idOr404((await params).id);
  const found = await findImport(actor, id);
  if (!found) notFound();
  const { accountId, imp } = found;
  const query = await searchParams;

  const page = pageRequest({ page: query.page, per_page: PER_PAGE });
  // A kind or cursor edited into something else is ignored: the log's first page, all kinds.
  const log = changeLogQuerySchema.safeParse({
    kind: query.kind || undefined,
    after: query.after || undefined,
  });
  const logQuery = { accountId, importId: id, ...(log.success ? log.data : {}), per_page: PER_PAGE };
  const [errors, counts, changes] = await Promise.all([
    listSisImportErrors(actor, { accountId, importId: id, page }),
    importChangeCounts(actor, { accountId, importId: id }),
    listImportChanges(actor, logQuery),
  ]);
  const status = toImportStatus(imp);
  const files = imp.files
    .map(
      (f) =>
        `${f.name} (${f.kind ? FILE_KIND_WORDS[f.kind] : "format not recognised"}, ${number(f.rows)} rows)`,
    )
    .join(", ");
  return (
    <Page
      title={`${imp.dry_run ? "Dry run" : "Import"} ${imp.id}`}
      back={{ href: "/admin/imports", label: "Imports" }}
      lead={`${files || "No files"}. Uploaded ${formatDateTime(imp.created_at)}${imp.user ? ` by ${imp.user.name}` : ""}.${
        imp.dry_run ? " A dry run: nothing was changed." : ""
      }`}
    >
      <ImportStatusPanel initial={status} />
      {canRunForReal(imp) && (
        <div className="flex flex-wrap items-center gap-3">
          <ConfirmAction
            action={runImportAction}
            fields={{ import_id: imp.id }}
            trigger="Run this import"
            title="Run this import for real?"
            description={
              <>
                <p>{countWords(status, "This will")}</p>
                <p className="mt-2">New guardians get an email to choose their password.</p>
              </>
            }
            confirm="Run import"
          />
          <span className="text-sm text-slate-700">Applies the same file, as a new import.</span>
        </div>
      )}
      {imp.real_run_id !== null && (
        <p className="text-slate-700">
          This dry run was run for real as{" "}
          <Link
            className="text-blue-800 underline underline-offset-4"
            href={`/admin/imports/${imp.real_run_id}`}
          >
            import {imp.real_run_id}
          </Link>
          .
        </p>
      )}
      {imp.source_import_id !== null && (
        <p className="text-slate-700">
          The real run of{" "}
          <Link
            className="text-blue-800 underline underline-offset-4"
            href={`/admin/imports/${imp.source_import_id}`}
          >
            dry run {imp.source_import_id}
          </Link>
          .
        </p>
      )}
      <UndoImport actor={actor} accountId={accountId} imp={imp} search={query} />
      {imp.processing_notes.length > 0 && (
        <Section id="notes" title="Notes">
          <ul className="list-disc pl-5 text-slate-700">
            {imp.processing_notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Section>
      )}
      <Section
        id="changes"
        title="Change log"
        description="Each link this import created, restored or removed, each account it made and each email it queued, with the file and row that made it."
      >
        <ChangeLog
          importId={imp.id}
          counts={counts}
          kind={logQuery.kind}
          after={logQuery.after}
          items={changes.items}
          next={changes.next}
          running={isRunning(imp.workflow_state)}
        />
      </Section>
      <Section id="errors" title="Errors">
        {isRunning(imp.workflow_state) && errors.total === 0 ? (
          <p className="text-slate-700">None so far.</p>
        ) : (
          <div className="flex flex-col gap-3">
            <PagedTable
              summary={
                errors.total === 0
                  ? "No errors: every row could be imported."
                  : `${number(errors.total)} ${errors.total === 1 ? "error" : "errors"}.`
              }
              label="Errors table"
              caption="Rows and files that could not be imported"
              columns={COLUMNS}
              rows={errors.items.map((e, i) => ({ ...e, id: page.offset + i }))}
              stacked
              pages={{
                label: "Errors pages",
                page,
                total: errors.total,
                href: (p) => `/admin/imports/${id}?page=${p}`,
              }}
            />
            {errors.total > 0 && (
              <p>
                <a
                  href={`/admin/imports/${id}/errors.csv`}
                  download
                  className="font-semibold text-blue-800 underline underline-offset-4"
                >
                  Download the error report (CSV)
                </a>
              </p>
            )}
          </div>
        )}
      </Section>
    </Page>
  );
}
