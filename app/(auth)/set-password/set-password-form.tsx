"use client";
import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { setPasswordAction } from "./actions";

export function SetPasswordForm({
  token,
  email,
  passwordRules,
}: {
  token: string;
  email: string;
  passwordRules: readonly string[];
}) {
  const [state, action] = useActionState(setPasswordAction, {} as ActionState);
  const t = useTranslations("SetPassword");
  if (state.ok) {
    return (
      <Notice tone="info">
        {state.message ?? t("done")}{" "}
        <Link href="/login" className="text-blue-800 underline underline-offset-4">
          {t("signIn")}
        </Link>
      </Notice>
    );
  }
  const unplaced = state.message && !state.fieldErrors?.password;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      {unplaced && <Notice tone="error">{state.message}</Notice>}
      <input type="hidden" name="token" value={token} />
      {/* For password managers: which account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField label={t("newPassword")} rules={passwordRules} state={state} />
      <SubmitButton pendingText={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
