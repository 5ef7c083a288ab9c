"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FieldError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { LOCALE_NAMES, LOCALES } from "@/lib/platform/locales";
import { setUserLocaleAction } from "./locale-actions";

/** The language select of Settings: each language named in itself; "" is automatic. */
export function LanguageForm({ current }: { current: string | null }) {
  const [state, action] = useActionState(setUserLocaleAction, {} as ActionState);
  const t = useTranslations("Settings");
  const errors = state.fieldErrors?.locale ?? (state.message ? [state.message] : undefined);
  return (
    <form action={action} className="flex flex-col gap-2" noValidate>
      <label htmlFor="field-locale" className="text-sm font-medium text-slate-800">
        {t("language")}
      </label>
      <select
        id="field-locale"
        name="locale"
        defaultValue={current ?? ""}
        aria-describedby="field-locale-error"
        aria-invalid={!!errors || undefined}
        className="max-w-sm rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
      >
        <option value="">{t("languageAutomatic")}</option>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <FieldError id="field-locale-error" errors={errors} />
      <div>
        <SubmitButton pendingText={t("languageSaving")}>{t("languageSave")}</SubmitButton>
      </div>
    </form>
  );
}
