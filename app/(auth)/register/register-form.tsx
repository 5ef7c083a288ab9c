"use client";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/action-state";
import { registerAction } from "./actions";

export function RegisterForm({
  code,
  via,
  passwordRules,
}: {
  code?: string;
  via?: string;
  passwordRules: readonly string[];
}) {
  const [state, action] = useActionState(registerAction, {} as ActionState);
  const v = state.values ?? { pairing_code: code ?? "", via: via ?? "" };
  const errors = state.fieldErrors ?? {};
  const unplaced = state.message && !Object.keys(errors).length;
  return (
    <form action={action} className="flex flex-col gap-2" noValidate>
      {unplaced && <Notice tone="error">{state.message}</Notice>}
      <input type="hidden" name="via" value={v.via ?? ""} />
      <Field
        label="Your full name"
        name="name"
        autoComplete="name"
        required
        defaultValue={v.name}
        errors={errors.name}
      />
      <Field
        label="Email"
        name="unique_id"
        type="email"
        autoComplete="email"
        required
        hint="You will sign in with it."
        defaultValue={v.unique_id}
        errors={errors.unique_id}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`Password rules: ${passwordRules.join("; ")}.`}
        errors={errors.password}
      />
      <Field
        label="Student pairing code"
        name="pairing_code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        hint="8 characters, like ABCD-1234, from your student's Settings → Pair with Observer."
        defaultValue={v.pairing_code}
        errors={errors.pairing_code}
      />
      <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
