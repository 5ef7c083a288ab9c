"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { changePasswordAction } from "./account-actions";

export function ChangePasswordForm({
  login,
  passwordRules,
}: {
  login: string;
  passwordRules: readonly string[];
}) {
  const [state, action] = useActionState(changePasswordAction, {} as ActionState);
  const t = useTranslations("Settings");
  const placed = Object.keys(state.fieldErrors ?? {}).length > 0;
  return (
    <form action={action} className="flex max-w-md flex-col gap-2" noValidate>
      {state.ok && state.message && <Notice tone="success">{state.message}</Notice>}
      {!state.ok && state.message && !placed && <Notice tone="error">{state.message}</Notice>}
      {/* For password managers: which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={login} readOnly hidden />
      <Field
        label={t("currentPassword")}
        name="current_password"
        type="password"
        autoComplete="current-password"
        required
        state={state}
      />
      <NewPasswordField label={t("newPassword")} rules={passwordRules} state={state} />
      <div>
        <SubmitButton pendingText={t("passwordPending")}>{t("passwordSubmit")}</SubmitButton>
      </div>
    </form>
  );
}
