"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, {} as ActionState);
  const t = useTranslations();
  if (state.ok) return <Notice tone="success">{state.message}</Notice>;
  const unplaced = state.message && !state.fieldErrors?.email;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      {unplaced && <Notice tone="error">{state.message}</Notice>}
      <Field
        label={t("Forms.email")}
        name="email"
        type="email"
        autoComplete="username"
        required
        hint={t("ForgotPassword.hint")}
        state={state}
      />
      <SubmitButton pendingText={t("ForgotPassword.pending")}>{t("ForgotPassword.submit")}</SubmitButton>
    </form>
  );
}
