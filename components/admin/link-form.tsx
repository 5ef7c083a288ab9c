"use client";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { Notice } from "@/components/ui/notice";
import { PlainField } from "@/components/ui/plain-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmStudentObserver } from "./confirm-student-observer";
import { UserPicker, type PickerOption } from "./user-picker";

type Props = {
  user: { id: number; name: string };
  /** The page's user is enrolled as a student: the form starts at "add an observer of" them. */
  isStudent: boolean;
  rootAccounts: { id: number; name: string }[];
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  search: (q: string) => Promise<PickerOption[]>;
};

// The page's user is one side of the link (`role`); the picker chooses the other.
const ROLES = {
  student: { text: (n: string) => `Add an observer of ${n}`, other: "observer", picker: "Observer" },
  observer: { text: (n: string) => `${n} observes a student`, other: "student", picker: "Student" },
} as const;
type Role = keyof typeof ROLES;

/**
 * Links the page's user to another as observer or student, in one or all shared root accounts.
 * Starts in the direction that fits the user (a student's page: add an observer of them); making
 * a student an observer takes a second, explicit confirmation (lib refuses it otherwise).
 */
export function LinkForm({ user, isStudent, rootAccounts, action, search }: Props) {
  const [state, formAction] = useActionState(action, {} as ActionState);
  const [role, setRole] = useState<Role>(isStudent ? "student" : "observer");
  const order: Role[] = isStudent ? ["student", "observer"] : ["observer", "student"];
  const confirmError = state.fieldErrors?.confirm_student_observer;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-3" noValidate>
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">Which link?</legend>
        {order.map((r) => (
          <label key={r} className="flex items-center gap-2">
            <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />{" "}
            {ROLES[r].text(user.name)}
          </label>
        ))}
      </fieldset>
      <input type="hidden" name={`${role}_id`} value={user.id} />
      <UserPicker
        key={role}
        label={ROLES[role].picker}
        name={`${ROLES[role].other}_id`}
        search={search}
        errors={state.fieldErrors?.other_id}
      />
      <PlainField
        id="link-root-account"
        label="Root account"
        name="root_account_id"
        options={[
          ...rootAccounts.map((a) => ({ value: String(a.id), text: a.name })),
          ...(rootAccounts.length > 1 ? [{ value: "all", text: "Every root account both share" }] : []),
        ]}
      />
      {confirmError && <ConfirmStudentObserver />}
      <div>
        <SubmitButton pendingText="Linking…">Link</SubmitButton>
      </div>
    </form>
  );
}
