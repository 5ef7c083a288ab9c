"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formId } from "@/lib/platform/ids";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import { createSisImport, runDryRunForReal } from "@/lib/imports/imports";
import { requireActor } from "@/lib/identity/session";
import { findImport } from "./lookup";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_MB } from "./limits";

const ACCEPTED = /\.(csv|zip)$/i;

const uploadSchema = z.object({
  root_account_id: formId("That school does not exist."),
  dry_run: z.boolean(),
  file: z.array(z.instanceof(File, { error: "Choose a file to import." })).superRefine((files, ctx) => {
    if (files.length === 0) ctx.addIssue({ code: "custom", message: "Choose a file to import." });
    for (const f of files) {
      if (!ACCEPTED.test(f.name))
        ctx.addIssue({ code: "custom", message: `${f.name} is not a .csv or .zip file.` });
      else if (f.size === 0) ctx.addIssue({ code: "custom", message: `${f.name} is empty.` });
    }
    if (files.reduce((total, f) => total + f.size, 0) > MAX_UPLOAD_BYTES)
      ctx.addIssue({ code: "custom", message: `One import takes at most ${MAX_UPLOAD_MB} MB of files.` });
  }),
});

export async function uploadImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const values = { dry_run: formData.get("dry_run") === "on" ? "on" : "" };
  const parsed = uploadSchema.safeParse({
    root_account_id: formData.get("root_account_id"),
    dry_run: values.dry_run === "on",
    // An empty file input still sends one empty part, which arrives named "" or "undefined".
    file: formData
      .getAll("file")
      .filter((f) => typeof f !== "string" && (f.size > 0 || !["", "undefined"].includes(f.name))),
  });
  if (!parsed.success) return { ok: false, fieldErrors: zodFieldErrors(parsed.error.issues), values };
  const { root_account_id, dry_run, file } = parsed.data;
  let id: number;
  try {
    const files = await Promise.all(
      file.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })),
    );
    const created = await createSisImport(actor, {
      accountId: root_account_id,
      files,
      dryRun: dry_run,
    });
    id = created.id;
    if (created.workflow_state === "failed_with_messages") {
      revalidatePath("/admin/imports");
      return {
        ok: false,
        message: "Nothing was imported: the file is not in a format we know (see the accepted formats).",
        fieldErrors: { file: created.processing_errors.map(([, message]) => message) },
        values,
      };
    }
  } catch (err) {
    return actionErrorState(err, values);
  }
  revalidatePath("/admin/imports");
  redirect(`/admin/imports/${id}`);
}

/** "Run this import": the finished dry run's rows, applied for real as a new import. */
export async function runImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const id = formId().safeParse(formData.get("import_id"));
  const missing = { ok: false, message: "That import does not exist." };
  if (!id.success) return missing;
  let next: number;
  try {
    const found = await findImport(actor, id.data);
    if (!found) return missing;
    next = (await runDryRunForReal(actor, { accountId: found.accountId, importId: id.data })).id;
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath("/admin/imports");
  redirect(`/admin/imports/${next}`);
}
