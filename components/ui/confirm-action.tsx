"use client";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/platform/action-state";
import { Notice } from "./notice";
import { SubmitButton } from "./submit-button";

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  trigger: string;
  /**
   * What the trigger acts on, when a list has many triggers alike: the button is then named
   * "Unlink Sam" — the visible word first, so speech users can say what they see (WCAG 2.5.3).
   */
  subject?: string;
  title: string;
  description: React.ReactNode;
  confirm: string;
};

/** A destructive action behind a modal dialog (native <dialog>: focus is trapped, Escape cancels). */
export function ConfirmAction({ action, fields, trigger, subject, title, description, confirm }: Props) {
  const [state, formAction] = useActionState(action, {} as ActionState);
  const t = useTranslations("Forms");
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  // The dialog's content exists only while it is open, so its wording never leaks into the page.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) dialog.current?.showModal();
  }, [open]);
  useEffect(() => {
    if (state.ok) dialog.current?.close();
  }, [state]);
  return (
    <>
      <button
        type="button"
        aria-label={subject && `${trigger} ${subject}`}
        onClick={() => setOpen(true)}
        className="rounded-md border border-red-700 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50"
      >
        {trigger}
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        {open && (
          <form action={formAction} className="flex flex-col gap-4 p-6">
            <h2 id={`${id}-title`} className="text-lg font-semibold">
              {title}
            </h2>
            <div id={`${id}-desc`} className="text-slate-700">
              {description}
            </div>
            {Object.entries(fields).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            {state.message && !state.ok && <Notice tone="error">{state.message}</Notice>}
            <div className="flex flex-wrap justify-end gap-3">
              <button
                type="button"
                onClick={() => dialog.current?.close()}
                className="rounded-md border border-slate-400 px-4 py-2 font-semibold hover:bg-slate-100"
              >
                {t("cancel")}
              </button>
              <SubmitButton variant="danger" pendingText={t("working")}>
                {confirm}
              </SubmitButton>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
