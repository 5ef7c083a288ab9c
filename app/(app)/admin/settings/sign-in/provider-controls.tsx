"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { removeProviderAction, switchProviderAction, testProviderAction } from "./actions";

/** A provider's buttons: test it, switch it on or off, remove it (after a confirmation). */
export function ProviderControls({ id, name, enabled }: { id: number; name: string; enabled: boolean }) {
  const [test, testAction] = useActionState(testProviderAction, {} as ActionState);
  const [sw, switchAction] = useActionState(switchProviderAction, {} as ActionState);
  const message = sw.message ?? test.message;
  return (
    <div className="flex flex-col gap-2">
      {message && <Notice tone={sw.ok ? "success" : "error"}>{message}</Notice>}
      <div className="flex flex-wrap items-center gap-2">
        <form action={testAction}>
          <input type="hidden" name="provider_id" value={id} />
          <SubmitButton variant="secondary" pendingText="Going to the provider…">
            Test sign-in
          </SubmitButton>
        </form>
        <form action={switchAction}>
          <input type="hidden" name="provider_id" value={id} />
          <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
          <SubmitButton variant="secondary" pendingText="Saving…">
            {enabled ? "Switch off" : "Switch on"}
          </SubmitButton>
        </form>
        <ConfirmAction
          action={removeProviderAction}
          fields={{ provider_id: id }}
          trigger="Remove"
          subject={name}
          title={`Remove ${name}?`}
          description="Its button disappears from the sign-in page and the accounts it remembered are forgotten. Nobody's account here is deleted."
          confirm="Remove provider"
        />
      </div>
    </div>
  );
}
