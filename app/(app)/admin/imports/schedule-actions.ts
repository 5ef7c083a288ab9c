"use server";
// The "Scheduled sync" section's actions (issue 17 §7): each re-checks the session and calls the
// one lib/ function, which authorizes (admins of the root account) and validates again.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import { formId } from "@/lib/platform/ids";
import { requireActor } from "@/lib/identity/session";
import {
  CREDENTIAL_KINDS,
  removeSyncSchedule,
  runSyncNow,
  saveSyncSchedule,
  setSyncScheduleEnabled,
  SYNC_IMPORT_TYPES,
} from "@/lib/imports/schedules";

const PAGE = "/admin/imports";
const FIELDS = [
  "name",
  "url",
  "import_type",
  "credential_kind",
  "credential_username",
  "time_of_day",
  "time_zone",
  "data_set",
  "change_threshold",
  "enabled",
];

const formSchema = z.object({
  root_account_id: formId("That school does not exist."),
  schedule_id: formId("That scheduled sync does not exist.").optional(),
  name: z.string(),
  url: z.string(),
  import_type: z.enum(SYNC_IMPORT_TYPES, { error: "Choose the file's format." }),
  credential_kind: z.enum(CREDENTIAL_KINDS, { error: "Choose how the server checks who is asking." }),
  credential_username: z.string().optional(),
  credential_secret: z.string().optional(),
  time_of_day: z.string(),
  time_zone: z.string(),
  data_set: z.string(),
  change_threshold: z
    .string()
    .regex(/^(\d{1,3})?$/, "A whole percentage from 1 to 100, or blank for 10.")
    .transform((v) => (v ? Number(v) : undefined)),
  enabled: z.boolean(),
});

/** Adds a scheduled sync, or (with schedule_id) changes one; a blank secret keeps the stored one. */
export async function saveScheduleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(formData.get(k) ?? "")]));
  const parsed = formSchema.safeParse({
    ...values,
    root_account_id: formData.get("root_account_id"),
    schedule_id: formData.get("schedule_id") ?? undefined,
    credential_secret: String(formData.get("credential_secret") ?? ""),
    enabled: values.enabled === "on",
  });
  if (!parsed.success)
    return {
      ok: false,
      fieldErrors: zodFieldErrors(parsed.error.issues),
      values,
      message: "Fix the highlighted fields.",
    };
  const d = parsed.data;
  try {
    await saveSyncSchedule(actor, {
      accountId: d.root_account_id,
      scheduleId: d.schedule_id,
      name: d.name,
      url: d.url,
      importType: d.import_type,
      credentialKind: d.credential_kind,
      credentialUsername: d.credential_username || undefined,
      credentialSecret: d.credential_secret || undefined,
      timeOfDay: d.time_of_day,
      timeZone: d.time_zone,
      dataSet: d.data_set,
      changeThreshold: d.change_threshold,
      enabled: d.enabled,
    });
  } catch (err) {
    const state = actionErrorState(err, values);
    return state.fieldErrors ? { ...state, message: "Fix the highlighted fields." } : state;
  }
  revalidatePath(PAGE);
  return { ok: true, message: d.schedule_id ? "Scheduled sync saved." : "Scheduled sync added." };
}

const refSchema = z.object({
  root_account_id: formId("That school does not exist."),
  schedule_id: formId("That scheduled sync does not exist."),
});
type Ref = { accountId: number; scheduleId: number };

/** Validates the schedule's reference, calls `run` with it, refreshes the page. */
async function onSchedule(
  formData: FormData,
  run: (ref: Ref) => Promise<unknown>,
  done: string,
): Promise<ActionState> {
  const ref = refSchema.safeParse(Object.fromEntries(formData));
  if (!ref.success) return { ok: false, message: "That scheduled sync does not exist." };
  try {
    await run({ accountId: ref.data.root_account_id, scheduleId: ref.data.schedule_id });
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath(PAGE);
  return { ok: true, message: done };
}

export async function removeScheduleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  return onSchedule(formData, (ref) => removeSyncSchedule(actor, ref), "Scheduled sync deleted.");
}

export async function runScheduleNowAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  return onSchedule(
    formData,
    (ref) => runSyncNow(actor, ref),
    "Queued: the sync runs in a moment; reload to see its import.",
  );
}

/** Switch off (the schedule stays, pg-boss no longer fires it) or on again. */
export async function setScheduleEnabledAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const enabled = formData.get("enabled") === "true";
  return onSchedule(
    formData,
    (ref) => setSyncScheduleEnabled(actor, { ...ref, enabled }),
    enabled ? "Scheduled sync switched on." : "Scheduled sync switched off.",
  );
}
