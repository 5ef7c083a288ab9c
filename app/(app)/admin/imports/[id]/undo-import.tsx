// "Undo this import" on an import's page: first a link to its dry run (what would be reverted,
// the counts and the pairs), then, from the dry run, the confirmation that reverts it.
import Link from "next/link";
import type { Actor } from "@/lib/accounts/actor";
import { undoSisImport, undoUnavailable, UNDO_DAYS, type UndoPair } from "@/lib/imports/undo";
import { formatDateTime } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { number } from "../words";
import { undoImportAction } from "./undo-actions";

const SHOWN = 100;
const links = (n: number) => `${number(n)} ${n === 1 ? "link" : "links"}`;

const COLUMNS: Column<UndoPair & { id: string }>[] = [
  { header: "Observer", cell: (p) => p.observerName },
  { header: "Student", cell: (p) => p.studentName },
  {
    header: "Undo",
    cell: (p) => p.skipped ?? (p.change === "remove" ? "Remove the link" : "Restore the link"),
  },
];

type Props = {
  actor: Actor;
  accountId: number;
  imp: { id: number; dry_run: boolean; ended_at: string | null; workflow_state: string };
  /** ?undo=preview shows the dry run; ?undone=removed.restored.skipped reports a finished undo. */
  search: { undo?: string; undone?: string };
};

export async function UndoImport({ actor, accountId, imp, search }: Props) {
  if (imp.dry_run || !imp.ended_at) return null;
  const input = { accountId, importId: imp.id };
  if (search.undone) {
    const [removed, restored, skipped] = search.undone.split(".").map(Number);
    return (
      <Section id="undo" title="Undo this import">
        <p role="status">
          Import undone: {links(removed || 0)} removed, {links(restored || 0)} restored
          {skipped ? `, ${links(skipped)} left as they were (changed since the import)` : ""}.
        </p>
      </Section>
    );
  }
  const unavailable = await undoUnavailable(actor, input);
  if (unavailable)
    return (
      <Section id="undo" title="Undo this import">
        <p className="text-slate-700">{unavailable}</p>
      </Section>
    );
  const until = new Date(new Date(imp.ended_at).getTime() + UNDO_DAYS * 24 * 3600 * 1000);
  const description = `Reverts this import's link changes: links it made are removed, links it removed are restored. Possible until ${formatDateTime(until.toISOString())}.`;
  if (search.undo !== "preview")
    return (
      <Section id="undo" title="Undo this import" description={description}>
        <Link
          href={`/admin/imports/${imp.id}?undo=preview#undo`}
          className="font-semibold text-blue-800 underline underline-offset-4"
        >
          See what undo would change
        </Link>
      </Section>
    );
  const plan = await undoSisImport(actor, { ...input, dryRun: true });
  const summary = `Undo would remove ${links(plan.removed)} and restore ${links(plan.restored)}${
    plan.skipped ? `; ${links(plan.skipped)} changed since the import and would be left as they are` : ""
  }.`;
  return (
    <Section id="undo" title="Undo this import" description={description}>
      <div className="flex flex-col gap-3">
        <p role="status">{summary}</p>
        {plan.pairsTotal === 0 ? (
          <p className="text-slate-700">This import changed no links, so there is nothing to undo.</p>
        ) : (
          <>
            <DataTable
              label="Undo dry run"
              caption="The links undo would change"
              columns={COLUMNS}
              rows={plan.pairs.slice(0, SHOWN).map((p) => ({ ...p, id: `${p.studentId}-${p.observerId}` }))}
              stacked
            />
            {plan.pairsTotal > SHOWN && (
              <p className="text-sm text-slate-700">
                The first {SHOWN} of {number(plan.pairsTotal)} pairs, those left as they are first.
              </p>
            )}
            <div>
              <ConfirmAction
                action={undoImportAction}
                fields={{ import_id: imp.id }}
                trigger="Undo this import"
                title={`Undo import ${imp.id}?`}
                description={<p>{summary} This cannot be undone in turn.</p>}
                confirm="Undo import"
              />
            </div>
          </>
        )}
      </div>
    </Section>
  );
}
