"use server";
import { revalidatePath } from "next/cache";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import { accountSettingsSchema, updateAccountSettings } from "@/lib/accounts/settings";
import { requireActor } from "@/lib/identity/session";

export async function updateSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const values = Object.fromEntries(
    [...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]),
  );
  const parsed = accountSettingsSchema.safeParse(values);
  if (!parsed.success)
    return {
      ok: false,
      fieldErrors: zodFieldErrors(parsed.error.issues),
      values,
      message: "Fix the highlighted settings.",
    };
  try {
    await updateAccountSettings(actor, parsed.data);
  } catch (err) {
    return actionErrorState(err, values);
  }
  revalidatePath("/admin/settings");
  return { ok: true, message: "Settings saved.", values };
}
