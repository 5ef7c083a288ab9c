"use client";
import { useActionState } from "react";
import { PairingCodeField } from "@/components/pairing/pairing-code-field";
import { ChallengeStatus, useChallengedAction } from "@/components/pairing/use-challenge";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/action-state";
import { addStudentAction } from "./actions";

export function AddStudentForm() {
  const [state, action] = useActionState(addStudentAction, {} as ActionState);
  const { submit, solving } = useChallengedAction(state, action);
  const problem = !state.ok && !state.challenge && state.message ? [state.message] : undefined;
  return (
    <form action={submit} className="flex flex-col gap-2" noValidate>
      {state.ok && state.message && <Notice tone="success">{state.message}</Notice>}
      <ChallengeStatus solving={solving} message={state.message} />
      {/* A success leaves no values in the state: the new key empties the field. */}
      <PairingCodeField
        key={state.ok ? "cleared" : "kept"}
        hint="8 characters, like ABCD-1234. Your student finds it under Settings → Pair with Observer."
        className="max-w-sm font-mono text-lg"
        state={state}
        errors={state.fieldErrors?.pairing_code ?? problem}
      />
      <div>
        <SubmitButton pendingText="Adding…">Add student</SubmitButton>
      </div>
    </form>
  );
}
