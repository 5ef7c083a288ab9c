// Canvas's SisImport object, as GET /accounts/:id/sis_imports/:id returns it (plus our counts).
import type { Prisma } from "../platform/generated/prisma/client.ts";
import type { ImportCounts } from "./report.ts";

export const sisImportSelect = {
  id: true,
  rootAccountId: true,
  importType: true,
  workflowState: true,
  dryRun: true,
  skipDeletes: true,
  files: true,
  totalRows: true,
  progress: true,
  counts: true,
  errorCount: true,
  warningCount: true,
  createdAt: true,
  startedAt: true,
  endedAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
  sourceImportId: true,
  diffingDataSetIdentifier: true,
  diffedAgainstImportId: true,
  changeThreshold: true,
  syncSchedule: { select: { id: true, name: true } },
  realRun: { select: { id: true } },
  messages: {
    orderBy: { id: "asc" as const },
    take: 25,
    select: { file: true, message: true, severity: true },
  },
} as const;
export type SisImportRecord = Prisma.SisImportGetPayload<{ select: typeof sisImportSelect }>;
export type StagedFileJson = { name: string; kind: string | null; rows: number };

export type SisImportJson = ReturnType<typeof toSisImportJson>;

/** Canvas shows at most 24 messages of each kind, then one "and N more" row. */
const CAP = 24;
function capped(messages: { file: string; message: string }[], total: number): [string, string][] {
  const rows = messages.slice(0, CAP).map((m) => [m.file, m.message] as [string, string]);
  if (total > CAP) rows.push(["", `and ${total - CAP} more (see the errors attachment)`]);
  return rows;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** `base`: the site's origin, for the absolute attachment URL Canvas clients fetch. */
export function toSisImportJson(i: SisImportRecord, accountId: number, base = "") {
  const counts = (i.counts ?? {}) as ImportCounts;
  const files = (i.files ?? []) as StagedFileJson[];
  const kinds = [...new Set(files.map((f) => f.kind).filter(Boolean))] as string[];
  const warnings = i.messages.filter((m) => m.severity === "warning");
  const errors = i.messages.filter((m) => m.severity === "error");
  const notes = i.messages.filter((m) => m.severity === "info");
  const messageCount = i.errorCount + i.warningCount;
  return {
    id: i.id,
    created_at: i.createdAt.toISOString(),
    started_at: iso(i.startedAt),
    ended_at: iso(i.endedAt),
    updated_at: i.updatedAt.toISOString(),
    progress: i.progress,
    workflow_state: i.workflowState,
    data: {
      import_type: i.importType,
      supplied_batches: kinds,
      counts: {
        users: counts.users ?? 0,
        user_observers: counts.user_observers ?? 0,
        enrollments: counts.enrollments ?? 0,
        families: counts.families ?? 0,
        created: counts.created ?? 0,
        updated: counts.updated ?? 0,
        linked: counts.linked ?? 0,
        unchanged: counts.unchanged ?? 0,
        removed: counts.removed ?? 0,
        skipped: counts.skipped ?? 0,
        error_count: i.errorCount,
        warning_count: i.warningCount,
      },
    },
    dry_run: i.dryRun,
    /** A real run of a dry run: that dry run. A dry run already run for real: that run. */
    source_import_id: i.sourceImportId,
    real_run_id: i.realRun?.id ?? null,
    skip_deletes: i.skipDeletes,
    diffing_data_set_identifier: i.diffingDataSetIdentifier,
    diffed_against_import_id: i.diffedAgainstImportId,
    change_threshold: i.changeThreshold,
    /** Not Canvas's: the scheduled sync that downloaded the file (null: uploaded). */
    sync_schedule: i.syncSchedule,
    batch_mode: false,
    files: files.map((f) => ({ name: f.name, kind: f.kind, rows: f.rows })),
    total_rows: i.totalRows,
    user: i.createdBy ? { id: i.createdBy.id, name: i.createdBy.name } : null,
    processing_warnings: capped(warnings, i.warningCount),
    processing_errors: capped(errors, i.errorCount),
    /** Not Canvas's: what the import chose not to read, or how it read it (a OneRoster bundle's other files). */
    processing_notes: notes.map((m) => m.message),
    errors_attachment:
      messageCount > 0
        ? {
            display_name: `sis_errors_attachment_${i.id}.csv`,
            filename: `sis_errors_attachment_${i.id}.csv`,
            "content-type": "text/csv",
            url: `${base}/api/v1/accounts/${accountId}/sis_imports/${i.id}/errors_attachment`,
          }
        : null,
  };
}
