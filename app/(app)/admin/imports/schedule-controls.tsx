"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { removeScheduleAction, runScheduleNowAction, setScheduleEnabledAction } from "./schedule-actions";

/** One schedule's buttons: Run now, switch off/on, Delete (after a confirmation). */
export function ScheduleControls({
  accountId,
  id,
  name,
  enabled,
}: {
  accountId: number;
  id: number;
  name: string;
  enabled: boolean;
}) {
  const [run, runAction] = useActionState(runScheduleNowAction, {} as ActionState);
  const [toggle, toggleAction] = useActionState(setScheduleEnabledAction, {} as ActionState);
  const fields = { root_account_id: accountId, schedule_id: id };
  const hidden = (
    <>
      <input type="hidden" name="root_account_id" value={accountId} />
      <input type="hidden" name="schedule_id" value={id} />
    </>
  );
  const shown = [run, toggle].filter((s) => s.message);
  return (
    <div className="flex flex-col gap-2">
      {shown.map((s, n) => (
        <Notice key={n} tone={s.ok ? "success" : "error"}>
          {s.message}
        </Notice>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <form action={runAction}>
          {hidden}
          <SubmitButton variant="secondary" pendingText="Queuing…" label={`Run now ${name}`}>
            Run now
          </SubmitButton>
        </form>
        <form action={toggleAction}>
          {hidden}
          <input type="hidden" name="enabled" value={String(!enabled)} />
          <SubmitButton
            variant="secondary"
            pendingText="Saving…"
            label={`${enabled ? "Switch off" : "Switch on"} ${name}`}
          >
            {enabled ? "Switch off" : "Switch on"}
          </SubmitButton>
        </form>
        <ConfirmAction
          action={removeScheduleAction}
          fields={fields}
          trigger="Delete"
          subject={name}
          title={`Delete the scheduled sync “${name}”?`}
          description="It stops running. Its past imports stay in the history, and nothing they linked is removed."
          confirm="Delete sync"
        />
      </div>
    </div>
  );
}
