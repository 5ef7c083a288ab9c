"use client";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyButton } from "@/components/pairing/copy-button";
import { createTokenAction, type CreateTokenState } from "./actions";

export function CreateTokenForm() {
  const [state, action] = useActionState(createTokenAction, {} as CreateTokenState);
  return (
    <div className="flex flex-col gap-4">
      {state.token && (
        <div role="status" className="rounded-lg border border-green-300 bg-green-50 p-4">
          <p className="font-semibold">Your new token — copy it now, it will not be shown again:</p>
          <p className="my-2 font-mono text-sm break-all" aria-label="New access token">
            {state.token}
          </p>
          <CopyButton value={state.token} label="Copy token" />
        </div>
      )}
      <form action={action} className="flex flex-col gap-2" noValidate>
        <Field
          label="Purpose"
          name="purpose"
          required
          hint="For example: “Family calendar sync”."
          state={state}
        />
        <Field
          label="Expires after (days, optional)"
          name="expires_days"
          type="number"
          inputMode="numeric"
          min={1}
          className="max-w-40"
          state={state}
        />
        <div>
          <SubmitButton pendingText="Creating…">Create token</SubmitButton>
        </div>
      </form>
    </div>
  );
}
