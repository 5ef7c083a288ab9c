"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { resendVerificationAction } from "./account-actions";

/** A self-registered parent whose email is not confirmed yet: why it matters, and a new link. */
export function VerifyEmailNotice({ email }: { email: string | null }) {
  const [state, action] = useActionState(resendVerificationAction, {} as ActionState);
  const t = useTranslations("Settings");
  return (
    <form action={action} className="flex flex-col gap-3">
      <p className="text-slate-700">{t("emailNotice", { email: email ? ` (${email})` : "" })}</p>
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <div>
        <SubmitButton variant="secondary" pendingText={t("emailSending")}>
          {t("emailResend")}
        </SubmitButton>
      </div>
    </form>
  );
}
