"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formId } from "@/lib/platform/ids";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { undoSisImport } from "@/lib/imports/undo";
import { requireActor } from "@/lib/identity/session";
import { findImport } from "../lookup";

/** "Undo this import", confirmed after its dry run: the same lib function as POST …/undo. */
export async function undoImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const id = formId().safeParse(formData.get("import_id"));
  const missing = { ok: false, message: "That import does not exist." };
  if (!id.success) return missing;
  let done: string;
  try {
    const found = await findImport(actor, id.data);
    if (!found) return missing;
    const r = await undoSisImport(actor, { accountId: found.accountId, importId: id.data, dryRun: false });
    done = `${r.removed}.${r.restored}.${r.skipped}`;
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath(`/admin/imports/${id.data}`);
  redirect(`/admin/imports/${id.data}?undone=${done}#undo`);
}
