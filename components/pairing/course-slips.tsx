"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ShownCode } from "./code-card";
import { PrintSlips } from "./code-slip";

type State = ActionState & { slips?: ShownCode[] };

/**
 * A course's codes, all at once: as printable slips (one per sheet) or as Canvas's CSV. Both make a
 * new code for every student; at the cap of five either refuses, naming the students, unless the
 * box to revoke their oldest code is ticked.
 */
export function CourseCodes({
  courseId,
  csvUrl,
  limit,
  action,
  timeZone,
}: {
  courseId: number;
  csvUrl: string;
  limit: number;
  action: (prev: State, formData: FormData) => Promise<State>;
  timeZone: string;
}) {
  const [state, formAction] = useActionState(action, {} as State);
  const slips = state.slips ?? [];
  return (
    <div className="flex flex-col gap-3 print:hidden">
      <form action={formAction} className="flex flex-col gap-3">
        <input type="hidden" name="course_id" value={courseId} />
        <label className="flex items-start gap-2">
          <input type="checkbox" name="revoke_oldest" className="mt-1" />
          <span>
            For a student who already has {limit} active codes, revoke their oldest code (it may have been
            printed or sent home)
          </span>
        </label>
        <div className="flex flex-wrap gap-3">
          <SubmitButton pendingText="Making slips…">Make code slips to print</SubmitButton>
          <button
            type="submit"
            formAction={csvUrl}
            formMethod="post"
            className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
          >
            Download all students&apos; pairing codes (CSV)
          </button>
        </div>
      </form>
      {state.message && !state.ok && <Notice tone="error">{state.message}</Notice>}
      {slips.length > 0 && (
        <div className="flex flex-wrap items-center gap-3">
          <Notice tone="success">
            {slips.length === 1 ? "1 slip is" : `${slips.length} slips are`} ready, one page per student.
          </Notice>
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
          >
            Print slips
          </button>
          <PrintSlips slips={slips} timeZone={timeZone} />
        </div>
      )}
    </div>
  );
}
