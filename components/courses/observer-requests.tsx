"use client";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export type ShownRequest = {
  id: number;
  note: string | null;
  /** When it was asked, already written in the viewer's time zone. */
  asked: string;
  observer: { name: string };
  student: { name: string };
  /** The Admin area's queue: the courses it may be approved in. */
  courses?: { id: number; name: string }[];
};

type Props = {
  requests: ShownRequest[];
  /** The People page's course (approving there grants this course); none in the Admin area. */
  courseId?: number;
  approve: Action;
  decline: Action;
};

/**
 * Observers' requests to observe a student in another course, each approved or declined in one
 * step. The outcome is announced above the list, so it stays when the answered request leaves it.
 */
export function ObserverRequests({ requests, courseId, approve, decline }: Props) {
  const [approved, approveAction] = useActionState(approve, {} as ActionState);
  const [declined, declineAction] = useActionState(decline, {} as ActionState);
  const id = useId();
  const last = [approved, declined].find((s) => s.message);
  return (
    <div className="flex flex-col gap-4">
      {last?.message && <Notice tone={last.ok ? "success" : "error"}>{last.message}</Notice>}
      {requests.length === 0 ? (
        <p className="text-slate-700">No observers are waiting for an answer.</p>
      ) : (
        <ul aria-label="Requests to observe" className="flex flex-col gap-4">
          {requests.map((r) => {
            const subject = `${r.observer.name} for ${r.student.name}`;
            const courseField = `${id}-course-${r.id}`;
            return (
              <li
                key={r.id}
                className="flex flex-col gap-2 border-b border-slate-200 pb-4 last:border-0 last:pb-0"
              >
                <p>
                  <span className="font-semibold">{r.observer.name}</span> asks to observe{" "}
                  <span className="font-semibold">{r.student.name}</span>
                  {courseId ? " in this course" : " in another course"}.
                </p>
                <p className="text-sm text-slate-700">Asked {r.asked}</p>
                {r.note && (
                  <blockquote className="border-l-4 border-slate-300 pl-3 text-slate-800 wrap-anywhere">
                    {r.note}
                  </blockquote>
                )}
                <div className="flex flex-wrap items-end gap-2">
                  {(courseId !== undefined || (r.courses?.length ?? 0) > 0) && (
                    <form action={approveAction} className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="request_id" value={r.id} />
                      {courseId !== undefined ? (
                        <input type="hidden" name="course_id" value={courseId} />
                      ) : (
                        <div className="flex flex-col gap-1">
                          <label htmlFor={courseField} className="text-sm font-medium text-slate-800">
                            Course for {r.student.name}
                          </label>
                          <select
                            id={courseField}
                            name="course_id"
                            className="rounded-md border border-slate-400 px-3 py-2 text-base"
                          >
                            {r.courses!.map((c) => (
                              <option key={c.id} value={c.id}>
                                {c.name}
                              </option>
                            ))}
                          </select>
                        </div>
                      )}
                      <SubmitButton pendingText="Approving…" label={`Approve ${subject}`}>
                        Approve
                      </SubmitButton>
                    </form>
                  )}
                  <form action={declineAction}>
                    <input type="hidden" name="request_id" value={r.id} />
                    {courseId !== undefined && <input type="hidden" name="course_id" value={courseId} />}
                    <SubmitButton variant="secondary" pendingText="Declining…" label={`Decline ${subject}`}>
                      Decline
                    </SubmitButton>
                  </form>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
