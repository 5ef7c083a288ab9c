"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formId } from "@/lib/platform/ids";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import { searchUsers } from "@/lib/admin/users";
import { linkObserveeByAdmin, unlinkObservee } from "@/lib/observer-links";
import { pageRequest } from "@/lib/platform/pagination";
import { booleanParam, rootAccountIdParam } from "@/lib/api/schemas/common";
import { requireActor } from "@/lib/identity/session";

const linkSchema = z.object({
  observer_id: formId("Choose the observer."),
  student_id: formId("Choose the student."),
  root_account_id: rootAccountIdParam,
  confirm_student_observer: booleanParam("Set only by the form's confirmation step."),
});

function linkInput(formData: FormData) {
  const raw = (k: string) => {
    const v = formData.get(k);
    return v === null || v === "" ? undefined : v;
  };
  return linkSchema.safeParse({
    observer_id: raw("observer_id"),
    student_id: raw("student_id"),
    root_account_id: raw("root_account_id"),
    confirm_student_observer: raw("confirm_student_observer"),
  });
}

export async function linkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const parsed = linkInput(formData);
  if (!parsed.success)
    return {
      ok: false,
      fieldErrors: { other_id: Object.values(zodFieldErrors(parsed.error.issues)).flat() },
    };
  const { observer_id, student_id, root_account_id, confirm_student_observer } = parsed.data;
  try {
    const student = await linkObserveeByAdmin(actor, {
      observerId: observer_id,
      studentId: student_id,
      rootAccountId: root_account_id,
      confirmStudentObserver: confirm_student_observer,
    });
    revalidatePath("/admin/users", "layout");
    return { ok: true, message: `Linked. The observer now follows ${student.name}.` };
  } catch (err) {
    return actionErrorState(err);
  }
}

export async function unlinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const parsed = linkInput(formData);
  if (!parsed.success) return { ok: false, message: "That link does not exist." };
  const { observer_id, student_id, root_account_id } = parsed.data;
  try {
    await unlinkObservee(actor, {
      observerId: observer_id,
      studentId: student_id,
      rootAccountId: root_account_id,
    });
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath("/admin/users", "layout");
  return { ok: true, message: "Unlinked." };
}

type UserOption = { id: number; name: string; detail: string };

/** Search-as-you-type for the link form: the first 8 users this admin may see. */
export async function findUsersAction(q: string): Promise<UserOption[]> {
  const actor = await requireActor();
  const query = z.string().trim().min(2).max(100).safeParse(q);
  if (!query.success) return [];
  const { items } = await searchUsers(actor, { q: query.data, page: pageRequest({ per_page: 8 }) });
  return items.map((u) => ({ id: u.id, name: u.name, detail: u.logins.map((l) => l.uniqueId).join(", ") }));
}
