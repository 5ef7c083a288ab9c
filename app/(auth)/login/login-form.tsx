"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { loginAction } from "./actions";

/** `code`: a pairing code from the registration page, redeemed as soon as the parent is signed in. */
export function LoginForm({ next, code }: { next?: string; code?: string }) {
  const [state, action] = useActionState(loginAction, {} as ActionState);
  const t = useTranslations();
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      {state.message && <Notice tone="error">{state.message}</Notice>}
      <input type="hidden" name="next" value={next ?? "/"} />
      {code && <input type="hidden" name="code" value={code} />}
      <Field
        label={t("Forms.email")}
        name="email"
        type="email"
        autoComplete="username"
        required
        state={state}
      />
      <Field
        label={t("Forms.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        state={state}
      />
      <SubmitButton pendingText={t("Login.pending")}>{t("Login.submit")}</SubmitButton>
    </form>
  );
}
