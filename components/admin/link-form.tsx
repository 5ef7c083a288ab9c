"use client";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/action-state";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { UserPicker, type PickerOption } from "./user-picker";

type Props = {
  user: { id: number; name: string };
  rootAccounts: { id: number; name: string }[];
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  search: (q: string) => Promise<PickerOption[]>;
};

// The page's user is one side of the link; the picker chooses the other.
const ROLES = {
  observer: { text: "observer of the student I choose", other: "student", picker: "Student" },
  student: { text: "student of the observer I choose", other: "observer", picker: "Observer" },
} as const;
type Role = keyof typeof ROLES;

/** Links the page's user to another as observer or student, in one or all shared root accounts. */
export function LinkForm({ user, rootAccounts, action, search }: Props) {
  const [state, formAction] = useActionState(action, {} as ActionState);
  const [role, setRole] = useState<Role>("observer");
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-3" noValidate>
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">{user.name} is the</legend>
        {(Object.keys(ROLES) as Role[]).map((r) => (
          <label key={r} className="flex items-center gap-2">
            <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} />{" "}
            {ROLES[r].text}
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
      <div className="flex flex-col gap-1">
        <label htmlFor="link-root-account" className="text-sm font-medium text-slate-800">
          Root account
        </label>
        <select
          id="link-root-account"
          name="root_account_id"
          className="rounded-md border border-slate-400 bg-white px-3 py-2"
        >
          {rootAccounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          {rootAccounts.length > 1 && <option value="all">Every root account both share</option>}
        </select>
      </div>
      <div>
        <SubmitButton pendingText="Linking…">Link</SubmitButton>
      </div>
    </form>
  );
}
