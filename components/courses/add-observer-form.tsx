"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { Field, FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmStudentObserver } from "@/components/admin/confirm-student-observer";

type Props = {
  courseId: number;
  students: { id: number; name: string }[];
  /** The course has more students than the list shows: say so rather than hide it. */
  more: boolean;
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
};

/**
 * Adds an observer to this course for the chosen students: someone the school knows by email,
 * or a new observer invited by email (the name field is for them). Making someone enrolled as a
 * student an observer takes an explicit second confirmation, as on the admin pages.
 */
export function AddObserverForm({ courseId, students, more, action }: Props) {
  const [state, formAction] = useActionState(action, {} as ActionState);
  const errors = (name: string) => state.fieldErrors?.[name];
  const confirmError = errors("confirm_student_observer");
  const needsName = !!errors("name");
  const ticked = new Set(state.ok ? [] : (state.values?.student_ids?.split(",") ?? []));
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-3" noValidate>
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <input type="hidden" name="course_id" value={courseId} />
      <Field
        id="observer-email"
        label="Observer's email"
        name="email"
        type="email"
        autoComplete="off"
        hint="Someone your school already has an account for, or a parent to invite."
        state={state.ok ? undefined : state}
      />
      <Field
        id="observer-name"
        label={needsName ? "Their name (a new account)" : "Their name (only if they have no account yet)"}
        name="name"
        autoComplete="off"
        state={state.ok ? undefined : state}
      />
      <fieldset className="flex flex-col gap-1" aria-describedby="student-ids-error">
        <legend className="text-sm font-medium text-slate-800">Observe which students, in this course</legend>
        <div className="flex max-h-64 flex-col gap-1 overflow-y-auto rounded-md border border-slate-300 p-2">
          {students.map((s) => (
            <label key={s.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="student_ids"
                value={s.id}
                defaultChecked={ticked.has(String(s.id))}
              />{" "}
              {s.name}
            </label>
          ))}
        </div>
        {more && (
          <p className="text-sm text-slate-600">Only the first {students.length} students are listed here.</p>
        )}
        <FieldError id="student-ids-error" errors={errors("student_ids")} />
      </fieldset>
      {confirmError && <ConfirmStudentObserver />}
      <div>
        <SubmitButton pendingText="Adding…">Add observer</SubmitButton>
      </div>
    </form>
  );
}
