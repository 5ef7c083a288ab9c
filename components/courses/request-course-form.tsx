"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/platform/action-state";
import { FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  studentId: number;
  studentName: string;
  noteMax: number;
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
};

/**
 * "Ask to observe <student> in another course": the school's staff answer it. The observer is
 * never shown the courses they do not observe, so the note is theirs to name one.
 */
export function RequestCourseForm({ studentId, studentName, noteMax, action }: Props) {
  const [state, formAction] = useActionState(action, {} as ActionState);
  const t = useTranslations("Observing");
  const noteId = `request-note-${studentId}`;
  const errors = state.fieldErrors?.note;
  if (state.ok) return <Notice tone="success">{state.message}</Notice>;
  return (
    <form action={formAction} className="flex flex-col gap-2" noValidate>
      {state.message && !errors && <Notice tone="error">{state.message}</Notice>}
      <input type="hidden" name="student_id" value={studentId} />
      <label htmlFor={noteId} className="text-sm font-medium text-slate-800">
        {t("requestNote", { name: studentName })}
      </label>
      <p id={`${noteId}-hint`} className="text-sm text-slate-600">
        {t("requestNoteHint")}
      </p>
      <textarea
        id={noteId}
        name="note"
        rows={2}
        maxLength={noteMax}
        defaultValue={state.values?.note}
        aria-invalid={!!errors || undefined}
        aria-describedby={`${noteId}-hint ${noteId}-error`}
        className="rounded-md border border-slate-400 px-3 py-2 text-base"
      />
      <FieldError id={`${noteId}-error`} errors={errors} />
      <div>
        <SubmitButton pendingText={t("requestPending")}>
          {t("requestSubmit", { name: studentName })}
        </SubmitButton>
      </div>
    </form>
  );
}
