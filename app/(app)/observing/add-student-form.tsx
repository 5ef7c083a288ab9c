"use client";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/action-state";
import { addStudentAction } from "./actions";

export function AddStudentForm() {
  const [state, action] = useActionState(addStudentAction, {} as ActionState);
  return (
    <form action={action} className="flex flex-col gap-2" noValidate>
      {state.ok && state.message && <Notice tone="success">{state.message}</Notice>}
      <Field
        label="Student pairing code"
        name="pairing_code"
        hint="8 characters, like ABCD-1234. Your student finds it under Settings → Pair with Observer."
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="max-w-sm font-mono text-lg"
        required
        key={state.ok ? "cleared" : "kept"}
        defaultValue={state.ok ? "" : state.values?.pairing_code}
        errors={state.fieldErrors?.pairing_code ?? (!state.ok && state.message ? [state.message] : undefined)}
      />
      <div>
        <SubmitButton pendingText="Adding…">Add student</SubmitButton>
      </div>
    </form>
  );
}
