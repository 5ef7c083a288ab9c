"use client";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/platform/action-state";
import { CodeCard, type ShownCode } from "./code-card";
import { CodeChoiceField, type CodeChoice } from "./code-choice";
import { PrintSlips } from "./code-slip";

type State = ActionState & { code?: ShownCode; choose?: CodeChoice[] };

/**
 * The "generate a code" button and, once made, the code card (with "Print this code" for staff,
 * which prints a slip). `activeCodes` is the page's list of the student's active codes: the card
 * disappears once its code is no longer among them (revoked, or used), and at the cap the button
 * first asks which code to revoke. Without it (a course page) the choice comes with the refusal.
 */
export function GenerateCode({
  action,
  studentId,
  label,
  forName,
  printable,
  timeZone,
  activeCodes,
  limit,
  variant,
}: {
  action: (prev: State, formData: FormData) => Promise<State>;
  studentId?: number;
  label: React.ReactNode;
  variant?: "primary" | "secondary";
  forName?: string;
  printable?: boolean;
  timeZone: string;
  activeCodes?: CodeChoice[];
  limit: number;
}) {
  const [state, formAction] = useActionState(action, {} as State);
  const choose = activeCodes ? (activeCodes.length >= limit ? activeCodes : undefined) : state.choose;
  const code = state.code;
  const live = code && (!activeCodes || activeCodes.some((c) => c.id === code.id));
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="flex flex-col gap-3 print:hidden">
        {studentId !== undefined && <input type="hidden" name="student_id" value={studentId} />}
        {choose && (
          <CodeChoiceField
            codes={choose}
            error={state.fieldErrors?.replace_code_id}
            self={studentId === undefined}
          />
        )}
        <div>
          <SubmitButton pendingText="Generating…" variant={variant}>
            {choose ? "Revoke the chosen code and make a new one" : label}
          </SubmitButton>
        </div>
      </form>
      {state.message && !state.ok && !choose && <Notice tone="error">{state.message}</Notice>}
      {code && !live && (
        <Notice tone="info">
          The code {code.code} is no longer active (revoked or used), so it is not shown any more.
        </Notice>
      )}
      {code && live && <CodeCard code={code} forName={forName} timeZone={timeZone} />}
      {code && live && printable && (
        <div className="print:hidden">
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded-md border border-slate-400 px-3 py-1 text-sm font-semibold hover:bg-slate-100"
          >
            Print this code
          </button>
          <PrintSlips slips={[code]} timeZone={timeZone} />
        </div>
      )}
    </div>
  );
}
