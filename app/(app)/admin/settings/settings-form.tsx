"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action-state";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateSettingsAction } from "./actions";

type Settings = {
  id: number;
  name: string;
  selfRegistration: string;
  pairingCodeLifetimeMinutes: number;
  studentsMayRemoveObservers: boolean;
  teachersMayGenerateCodes: boolean;
};

const REGISTRATION = [
  ["none", "Nobody: parents get accounts from the school (pairing codes are off)"],
  ["observers", "Parents and guardians, with a pairing code"],
  ["all", "Everyone"],
] as const;

export function SettingsForm({ account }: { account: Settings }) {
  const [state, action] = useActionState(updateSettingsAction, {} as ActionState);
  // After a save (or a failure) React resets the form; show what was submitted, not the stale props.
  const v = state.values;
  const checked = (k: "studentsMayRemoveObservers" | "teachersMayGenerateCodes") =>
    v ? v[k] === "on" : account[k];
  const id = (k: string) => `${k}-${account.id}`;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <input type="hidden" name="rootAccountId" value={account.id} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">Who may register themselves</legend>
        {REGISTRATION.map(([value, label]) => (
          <label key={value} className="flex items-start gap-2">
            <input
              type="radio"
              name="selfRegistration"
              value={value}
              defaultChecked={(v?.selfRegistration ?? account.selfRegistration) === value}
              className="mt-1"
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <Field
        id={id("lifetime")}
        label="Pairing codes expire after (days)"
        name="pairingCodeLifetimeDays"
        type="number"
        min={1}
        max={30}
        inputMode="numeric"
        className="max-w-32"
        defaultValue={
          v?.pairingCodeLifetimeDays ?? String(Math.round(account.pairingCodeLifetimeMinutes / 1440))
        }
        errors={state.fieldErrors?.pairingCodeLifetimeDays}
      />
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="studentsMayRemoveObservers"
          defaultChecked={checked("studentsMayRemoveObservers")}
          className="mt-1"
        />{" "}
        Students may remove their observers
      </label>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="teachersMayGenerateCodes"
          defaultChecked={checked("teachersMayGenerateCodes")}
          className="mt-1"
        />{" "}
        Teachers may generate pairing codes for their students
      </label>
      <div>
        <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
      </div>
    </form>
  );
}
