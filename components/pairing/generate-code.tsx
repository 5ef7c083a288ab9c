"use client";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/action-state";
import { CodeCard, type ShownCode } from "./code-card";

type State = ActionState & { code?: ShownCode };

/** The "generate a code" button and, once made, the code card (with a Print button for staff). */
export function GenerateCode({
  action,
  studentId,
  label,
  forName,
  printable,
  variant,
}: {
  action: (prev: State, formData: FormData) => Promise<State>;
  studentId?: number;
  label: React.ReactNode;
  variant?: "primary" | "secondary";
  forName?: string;
  printable?: boolean;
}) {
  const [state, formAction] = useActionState(action, {} as State);
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="print:hidden">
        {studentId !== undefined && <input type="hidden" name="student_id" value={studentId} />}
        <SubmitButton pendingText="Generating…" variant={variant}>
          {label}
        </SubmitButton>
      </form>
      {state.message && !state.ok && <Notice tone="error">{state.message}</Notice>}
      {state.code && <CodeCard code={state.code} forName={forName} />}
      {state.code && printable && (
        <div className="print:hidden">
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded-md border border-slate-400 px-3 py-1 text-sm font-semibold hover:bg-slate-100"
          >
            Print this code
          </button>
        </div>
      )}
    </div>
  );
}
