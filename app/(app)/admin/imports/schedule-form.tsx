"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PlainField } from "@/components/ui/plain-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveScheduleAction } from "./schedule-actions";

export type ScheduleFormValues = {
  id: number;
  name: string;
  url: string;
  importType: string;
  credentialKind: string;
  credentialUsername: string | null;
  timeOfDay: string;
  timeZone: string;
  dataSet: string;
  changeThreshold: number | null;
  enabled: boolean;
  hasSecret: boolean;
};

const FORMATS = [
  { value: "family_roster", text: "Family roster (CSV)" },
  { value: "instructure_csv", text: "Canvas SIS CSV (or a zip of them)" },
  { value: "oneroster", text: "OneRoster 1.1 (CSV or zip)" },
];
const CREDENTIALS = [
  { value: "bearer", text: "Bearer token" },
  { value: "basic", text: "User name and password (basic)" },
  { value: "none", text: "None (a secret address)" },
];

/** Adding a scheduled sync (no `schedule`) or editing one; the secret is never shown back. */
export function ScheduleForm({
  accountId,
  schedule,
  timeZone,
}: {
  accountId: number;
  schedule?: ScheduleFormValues;
  timeZone: string;
}) {
  const [state, action] = useActionState(saveScheduleAction, {} as ActionState);
  const v = state.values;
  const key = schedule ? `s${schedule.id}` : "new-sync";
  const field = (name: string) => ({ id: `${key}-${name}`, name, state });
  const kept = schedule?.hasSecret;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <input type="hidden" name="root_account_id" value={accountId} />
      {schedule && <input type="hidden" name="schedule_id" value={schedule.id} />}
      <Field {...field("name")} label="Name" defaultValue={v?.name ?? schedule?.name} required />
      <Field
        {...field("url")}
        label="File address (URL)"
        type="url"
        hint="An https:// address your student information system exports the file to."
        defaultValue={v?.url ?? schedule?.url}
        required
      />
      <PlainField
        id={`${key}-import_type`}
        label="Format"
        name="import_type"
        options={FORMATS}
        defaultValue={v?.import_type ?? schedule?.importType ?? "family_roster"}
      />
      <PlainField
        id={`${key}-credential_kind`}
        label="Credential"
        name="credential_kind"
        options={CREDENTIALS}
        defaultValue={v?.credential_kind ?? schedule?.credentialKind ?? "bearer"}
      />
      <Field
        {...field("credential_username")}
        label="User name"
        hint="For a user name and password only."
        autoComplete="off"
        defaultValue={v?.credential_username ?? schedule?.credentialUsername ?? ""}
      />
      <Field
        {...field("credential_secret")}
        label="Token or password"
        type="password"
        autoComplete="new-password"
        hint={kept ? "Leave blank to keep the stored one." : "Stored encrypted; never shown again."}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          {...field("time_of_day")}
          label="Every day at"
          type="time"
          defaultValue={v?.time_of_day ?? schedule?.timeOfDay ?? "02:00"}
          required
        />
        <Field
          {...field("time_zone")}
          label="Time zone"
          hint="As your browser names it, e.g. America/Chicago."
          defaultValue={v?.time_zone ?? schedule?.timeZone ?? timeZone}
          required
        />
      </div>
      <Field
        {...field("data_set")}
        label="Data set"
        hint="Each run is compared with the previous run of this data set: a pair it no longer lists is removed."
        defaultValue={v?.data_set ?? schedule?.dataSet ?? "nightly"}
        required
      />
      <Field
        {...field("change_threshold")}
        label="Change threshold (%)"
        inputMode="numeric"
        hint="A run that would remove more than this share of the data set's links applies nothing. Blank: 10."
        defaultValue={
          v?.change_threshold ?? (schedule?.changeThreshold ? String(schedule.changeThreshold) : "")
        }
      />
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={v ? v.enabled === "on" : (schedule?.enabled ?? true)}
          className="mt-1"
        />{" "}
        Run every day
      </label>
      <div>
        <SubmitButton pendingText="Saving…">{schedule ? "Save sync" : "Add sync"}</SubmitButton>
      </div>
    </form>
  );
}
