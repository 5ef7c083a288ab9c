"use client";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, {} as ActionState);
  if (state.ok) return <Notice tone="success">{state.message}</Notice>;
  const unplaced = state.message && !state.fieldErrors?.email;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      {unplaced && <Notice tone="error">{state.message}</Notice>}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        hint="The email or login you sign in with."
        state={state}
      />
      <SubmitButton pendingText="Sending…">Email me a link</SubmitButton>
    </form>
  );
}
