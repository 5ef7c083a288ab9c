import type { InputHTMLAttributes } from "react";
import type { ActionState } from "@/lib/platform/action-state";

export type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  /** The form's action state: the field shows the value typed before and the errors under its name. */
  state?: ActionState;
};

/** A labelled input whose error and hint are announced to screen readers. */
export function Field({ label, name, errors, hint, state, id, className, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const errorId = `${inputId}-error`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const shownErrors = errors ?? state?.fieldErrors?.[name];
  const invalid = !!shownErrors?.length;
  // A password is never put back, whatever the state holds.
  const typed = input.defaultValue ?? (input.type === "password" ? undefined : state?.values?.[name]);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={inputId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
        className={`rounded-md border px-3 py-2 text-base shadow-sm focus:border-blue-700 ${invalid ? "border-red-600" : "border-slate-400"} ${className ?? ""}`}
        {...input}
        {...(typed !== undefined && { defaultValue: typed })}
      />
      <FieldError id={errorId} errors={shownErrors} />
    </div>
  );
}

/**
 * A field's error line: always present (so aria-describedby resolves) and announced when it
 * changes. `compact`: takes no room while empty (for controls that rarely fail, like checkboxes).
 */
export function FieldError({ id, errors, compact }: { id: string; errors?: string[]; compact?: boolean }) {
  return (
    <p id={id} aria-live="polite" className={`${compact ? "" : "min-h-5 "}text-sm text-red-700`}>
      {errors?.join(" ")}
    </p>
  );
}
