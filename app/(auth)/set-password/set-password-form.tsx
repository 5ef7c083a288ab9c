"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/action-state";
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
  if (state.ok) {
    return (
      <Notice tone="info">
        {state.message ?? "Your password is set."}{" "}
        <Link href="/login" className="text-blue-800 underline underline-offset-4">
          Sign in
        </Link>
      </Notice>
    );
  }
  const errors = state.fieldErrors ?? {};
  const unplaced = state.message && !errors.password;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      {unplaced && <Notice tone="error">{state.message}</Notice>}
      <input type="hidden" name="token" value={token} />
      {/* For password managers: which account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`Password rules: ${passwordRules.join("; ")}.`}
        errors={errors.password}
      />
      <SubmitButton pendingText="Saving…">Set password and sign in</SubmitButton>
    </form>
  );
}
