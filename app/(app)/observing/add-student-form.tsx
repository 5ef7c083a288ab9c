"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { PairingCodeField } from "@/components/pairing/pairing-code-field";
import { ChallengeStatus, useChallengedAction } from "@/components/pairing/use-challenge";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { addStudentAction, type AddStudentState } from "./actions";

/** Success redirects (the page says who was added, and this form starts afresh); failures stay here. */
export function AddStudentForm() {
  const [state, action] = useActionState(addStudentAction, {} as AddStudentState);
  const { onSubmit, solving } = useChallengedAction(state, action);
  const t = useTranslations("Observing");
  const problem = !state.ok && !state.challenge && state.message ? [state.message] : undefined;
  return (
    <form action={action} onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <ChallengeStatus solving={solving} message={state.message} />
      <PairingCodeField
        hint={t("codeHint")}
        className="max-w-sm font-mono text-lg"
        state={state}
        errors={state.fieldErrors?.pairing_code ?? problem}
      />
      {state.warning && <Notice tone="info">{state.warning}</Notice>}
      <div>
        <SubmitButton pendingText={t("pending")}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}
