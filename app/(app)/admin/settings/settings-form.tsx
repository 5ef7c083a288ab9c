"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { Field, FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { LOCALE_NAMES, LOCALES } from "@/lib/platform/locales";
import { updateSettingsAction } from "./actions";

type Settings = {
  id: number;
  name: string;
  selfRegistration: string;
  pairingCodeLifetimeMinutes: number;
  studentsMayRemoveObservers: boolean;
  teachersMayGenerateCodes: boolean;
  teachersMayLinkObservers: boolean;
  observerContact: string | null;
  defaultLocale: string;
};

const REGISTRATION = [
  ["none", "Nobody: parents get accounts from the school (pairing codes are off)"],
  ["observers", "Parents and guardians, with a pairing code"],
  ["all", "Everyone"],
] as const;

const CHECKBOXES = [
  ["students_may_remove_observers", "studentsMayRemoveObservers", "Students may remove their observers"],
  [
    "teachers_may_generate_codes",
    "teachersMayGenerateCodes",
    "Teachers may generate pairing codes for their students",
  ],
  [
    "teachers_may_link_observers",
    "teachersMayLinkObservers",
    "Teachers may link observers to their students in their own courses (People page)",
  ],
] as const;

export function SettingsForm({ account }: { account: Settings }) {
  const [state, action] = useActionState(updateSettingsAction, {} as ActionState);
  // After a save (or a failure) React resets the form; show what was submitted, not the stale props.
  const v = state.values;
  const errors = (name: string) => state.fieldErrors?.[name];
  const id = (name: string) => `${name}-${account.id}`;
  const errorId = (name: string) => `${id(name)}-error`;
  const invalid = (name: string) => (errors(name)?.length ? true : undefined);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.message && (
        <Notice tone={state.ok ? "success" : "error"}>
          {/* The account id is a hidden field: its error can only be told here. */}
          {[state.message, ...(errors("root_account_id") ?? [])].join(" ")}
        </Notice>
      )}
      <input type="hidden" name="root_account_id" value={account.id} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">Who may register themselves</legend>
        {REGISTRATION.map(([value, label]) => (
          <label key={value} className="flex items-start gap-2">
            <input
              type="radio"
              name="self_registration"
              value={value}
              defaultChecked={(v?.self_registration ?? account.selfRegistration) === value}
              aria-describedby={errorId("self_registration")}
              className="mt-1"
            />{" "}
            {label}
          </label>
        ))}
        <FieldError id={errorId("self_registration")} errors={errors("self_registration")} />
      </fieldset>
      <Field
        id={id("pairing_code_lifetime_days")}
        label="Pairing codes expire after (days)"
        name="pairing_code_lifetime_days"
        type="number"
        min={1}
        max={30}
        inputMode="numeric"
        className="max-w-32"
        defaultValue={
          v?.pairing_code_lifetime_days ?? String(Math.round(account.pairingCodeLifetimeMinutes / 1440))
        }
        errors={errors("pairing_code_lifetime_days")}
      />
      {CHECKBOXES.map(([name, setting, label]) => (
        <div key={name} className="flex flex-col">
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              name={name}
              defaultChecked={v ? v[name] === "on" : account[setting]}
              aria-describedby={errorId(name)}
              aria-invalid={invalid(name)}
              className="mt-1"
            />{" "}
            {label}
          </label>
          <FieldError id={errorId(name)} errors={errors(name)} compact />
        </div>
      ))}
      <Field
        id={id("observer_contact")}
        label="Contact line for parents (shown on their Observing page)"
        name="observer_contact"
        maxLength={300}
        placeholder="Front office: 555-0100, office@school.example"
        defaultValue={v?.observer_contact ?? account.observerContact ?? ""}
        errors={errors("observer_contact")}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor={id("default_locale")} className="text-sm font-medium text-slate-800">
          Default language (for people who have not chosen one and whose browser asks for none we speak)
        </label>
        <select
          id={id("default_locale")}
          name="default_locale"
          defaultValue={v?.default_locale ?? account.defaultLocale}
          aria-describedby={errorId("default_locale")}
          aria-invalid={invalid("default_locale")}
          className="max-w-xs rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        <FieldError id={errorId("default_locale")} errors={errors("default_locale")} />
      </div>
      <div>
        <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
      </div>
    </form>
  );
}
