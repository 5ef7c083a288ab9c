"use client";
import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { PairingCodeField } from "@/components/pairing/pairing-code-field";
import { ChallengeStatus, useChallengedAction } from "@/components/pairing/use-challenge";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { registerAction, type RegisterState } from "./actions";

export function RegisterForm({
  code,
  via,
  passwordRules,
}: {
  code?: string;
  via?: string;
  passwordRules: readonly string[];
}) {
  // The QR link's code starts out typed in; after a failure the action sends back what was typed.
  const [state, action] = useActionState(registerAction, {
    values: { pairing_code: code ?? "", via: via ?? "" },
  } as RegisterState);
  const { onSubmit, solving } = useChallengedAction(state, action);
  const t = useTranslations();
  const typedCode = state.values?.pairing_code?.trim();
  const signInHref = typedCode ? `/login?code=${encodeURIComponent(typedCode)}` : "/login";
  const unplaced = state.message && !state.challenge && !Object.keys(state.fieldErrors ?? {}).length;
  return (
    <form action={action} onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      {unplaced && <Notice tone="error">{state.message}</Notice>}
      <ChallengeStatus solving={solving} message={state.message} />
      <input type="hidden" name="via" value={state.values?.via ?? ""} />
      <Field label={t("Register.name")} name="name" autoComplete="name" required state={state} />
      <Field
        label={t("Forms.email")}
        name="unique_id"
        type="email"
        autoComplete="email"
        required
        hint={t("Register.emailHint")}
        state={state}
      />
      {state.signInInstead && (
        <p className="-mt-1 text-sm">
          {t("Register.signInInsteadQuestion")}{" "}
          <Link href={signInHref} className="font-semibold text-blue-800 underline underline-offset-4">
            {t("Register.signInInstead")}
          </Link>
          {typedCode && ` ${t("Register.signInInsteadWithCode")}`}
        </p>
      )}
      <NewPasswordField label={t("Forms.password")} rules={passwordRules} state={state} />
      <PairingCodeField hint={t("Register.codeHint")} state={state} />
      <SubmitButton pendingText={t("Register.pending")}>{t("Register.submit")}</SubmitButton>
    </form>
  );
}
