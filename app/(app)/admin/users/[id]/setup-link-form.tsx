"use client";
import { useActionState } from "react";
import { CopyButton } from "@/components/pairing/copy-button";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { newSetupLinkAction, type SetupLinkState } from "./setup-link-actions";

/** "Send password link" for a login: the result (or the link, once) below the button. */
export function SetupLinkForm({ loginId, login }: { loginId: number; login: string }) {
  const [state, action] = useActionState(newSetupLinkAction, {} as SetupLinkState);
  return (
    <form action={action} className="mt-1 flex flex-col gap-2">
      <input type="hidden" name="login_id" value={loginId} />
      <div>
        <SubmitButton variant="secondary" pendingText="Sending…">
          Send password link<span className="sr-only"> for {login}</span>
        </SubmitButton>
      </div>
      {state.link ? (
        <div role="status" className="rounded-lg border border-green-300 bg-green-50 p-4">
          <p className="font-semibold">
            Give this link to the person now: it is shown only this once, works once, for {state.lifetime},
            and replaces earlier links.
          </p>
          <p className="my-2 font-mono text-sm break-all" aria-label="Setup link">
            {state.link}
          </p>
          <CopyButton value={state.link} label="Copy link" />
        </div>
      ) : (
        state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>
      )}
    </form>
  );
}
