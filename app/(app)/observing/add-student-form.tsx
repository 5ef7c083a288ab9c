"use client";
import { useActionState } from "react";
import { PairingCodeField } from "@/components/pairing/pairing-code-field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { addStudentAction, type AddStudentState } from "./actions";

/** Success redirects (the page says who was added, and this form starts afresh); failures stay here. */
export function AddStudentForm() {
  const [state, action] = useActionState(addStudentAction, {} as AddStudentState);
  return (
    <form action={action} className="flex flex-col gap-2" noValidate>
      <PairingCodeField
        hint="8 characters, like ABCD-1234. Your student finds it under Settings → Pair with Observer."
        className="max-w-sm font-mono text-lg"
        state={state}
        errors={state.fieldErrors?.pairing_code ?? (!state.ok && state.message ? [state.message] : undefined)}
      />
      {state.warning && <Notice tone="info">{state.warning}</Notice>}
      <div>
        <SubmitButton pendingText="Adding…">Add student</SubmitButton>
      </div>
    </form>
  );
}
