import Link from "next/link";
import type { Actor } from "@/lib/accounts/actor";
import { listSyncSchedules } from "@/lib/imports/schedules";
import { formatDateTime } from "@/components/format";
import { Section } from "@/components/ui/section";
import { ScheduleControls } from "./schedule-controls";
import { ScheduleForm } from "./schedule-form";

const link = "text-blue-800 underline underline-offset-4";
const OUTCOME: Record<string, string> = {
  imported: "Imported",
  failed: "Failed",
  refused: "Refused by the change threshold",
};
const FORMAT: Record<string, string> = {
  family_roster: "Family roster",
  instructure_csv: "Canvas SIS CSV",
  oneroster: "OneRoster 1.1",
};

/** Admin → Imports: the school's scheduled syncs (issue 17 §7), and a form to add one. */
export async function ScheduledSync({
  actor,
  accountId,
  timeZone,
}: {
  actor: Actor;
  accountId: number;
  timeZone: string;
}) {
  const schedules = await listSyncSchedules(actor, { accountId });
  return (
    <Section
      id="scheduled-sync"
      title="Scheduled sync"
      description="Import your student information system's export every night from its address, as a snapshot: guardians it no longer lists are unlinked. A failed or refused run emails the school's admins."
    >
      {schedules.length === 0 ? (
        <p className="text-slate-700">No scheduled syncs yet.</p>
      ) : (
        <ul aria-label="Scheduled syncs" className="flex flex-col divide-y divide-slate-200">
          {schedules.map((s) => (
            <li key={s.id} aria-label={s.name} className="flex flex-col gap-2 py-4">
              <h3 className="text-lg font-semibold">
                {s.name}{" "}
                {!s.enabled && <span className="text-sm font-normal text-slate-600">(switched off)</span>}
              </h3>
              <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="font-medium">Runs</dt>
                <dd>{s.enabled ? `Every day at ${s.timeOfDay} (${s.timeZone})` : "Not scheduled"}</dd>
                <dt className="font-medium">From</dt>
                <dd className="break-all">
                  {s.url} ({FORMAT[s.importType] ?? s.importType}
                  {s.credentialKind === "none" ? ", no credential" : `, ${s.credentialKind} credential`})
                </dd>
                <dt className="font-medium">Data set</dt>
                <dd>
                  {s.dataSet}, change threshold {s.changeThreshold ?? 10}%
                </dd>
                <dt className="font-medium">Last run</dt>
                <dd>
                  {s.lastRunAt ? (
                    <>
                      {formatDateTime(s.lastRunAt, timeZone)}: {OUTCOME[s.lastOutcome ?? ""] ?? s.lastOutcome}
                      {s.lastImportId && (
                        <>
                          {" "}
                          (
                          <Link href={`/admin/imports/${s.lastImportId}`} className={link}>
                            import {s.lastImportId}
                          </Link>
                          )
                        </>
                      )}
                      {s.lastMessage && <span className="block text-slate-700">{s.lastMessage}</span>}
                    </>
                  ) : (
                    "Not run yet"
                  )}
                </dd>
              </dl>
              <ScheduleControls accountId={accountId} id={s.id} name={s.name} enabled={s.enabled} />
              <details>
                <summary className={`cursor-pointer ${link}`}>Edit {s.name}</summary>
                <div className="mt-3">
                  <ScheduleForm accountId={accountId} schedule={s} timeZone={timeZone} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
      <details className="mt-4" open={schedules.length === 0}>
        <summary className={`cursor-pointer font-semibold ${link}`}>Add a scheduled sync</summary>
        <div className="mt-3">
          <ScheduleForm accountId={accountId} timeZone={timeZone} />
        </div>
      </details>
    </Section>
  );
}
