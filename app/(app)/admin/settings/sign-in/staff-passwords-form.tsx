"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { staffPasswordsAction } from "./actions";

export function StaffPasswordsForm({ allowed }: { allowed: boolean }) {
  const [state, action] = useActionState(staffPasswordsAction, {} as ActionState);
  return (
    <form action={action} className="flex flex-col gap-3">
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <label className="flex items-start gap-2">
        <input type="checkbox" name="staff_passwords" defaultChecked={allowed} className="mt-1" /> Students
        and staff may sign in with a password
      </label>
      <div>
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
