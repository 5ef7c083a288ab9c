"use client";
import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { verifyEmailAction } from "./actions";

// A button rather than confirming on opening the page: mail scanners open links too.
export function VerifyEmailForm({ token }: { token: string }) {
  const [state, action] = useActionState(verifyEmailAction, {} as ActionState);
  const t = useTranslations("VerifyEmail");
  if (state.ok)
    return (
      <Notice tone="success">
        {state.message}{" "}
        <Link href="/observing" className="underline underline-offset-4">
          {t("goToStudents")}
        </Link>
      </Notice>
    );
  return (
    <form action={action} className="flex flex-col gap-3">
      {state.message && <Notice tone="error">{state.message}</Notice>}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText={t("pending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
