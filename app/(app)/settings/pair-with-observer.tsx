"use client";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { generatePairingCodeAction, type GenerateCodeState } from "./actions";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short" });

export function PairWithObserver() {
  const [state, action] = useActionState(generatePairingCodeAction, {} as GenerateCodeState);
  return (
    <div className="flex flex-col gap-4">
      <form action={action}>
        <SubmitButton pendingText="Generating…">Pair with Observer</SubmitButton>
      </form>
      {state.message && <Notice tone="error">{state.message}</Notice>}
      {state.code && (
        <div role="status" className="rounded-lg border border-blue-200 bg-blue-50 p-4">
          <p className="text-sm text-slate-700">Give this pairing code to your parent or guardian:</p>
          <p className="my-2 font-mono text-4xl font-bold tracking-widest" aria-label="Pairing code">
            {state.code.code}
          </p>
          <p className="text-sm text-slate-700">
            It works once and expires <time dateTime={state.code.expires_at}>{dateFormat.format(new Date(state.code.expires_at))}</time>.
          </p>
        </div>
      )}
    </div>
  );
}
