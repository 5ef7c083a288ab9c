"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formId } from "@/lib/platform/ids";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import { getTranslations } from "next-intl/server";
import { localizeState, retryMessage } from "@/i18n/server-messages";
import { unlinkObservee } from "@/lib/observer-links";
import { requestAnotherCourse, requestNoteSchema } from "@/lib/courses";
import { codeTriesLeft, redeemPairingCode } from "@/lib/pairing-codes";
import { challengeField, pairingCodeInputSchema } from "@/lib/pairing-codes/schemas";
import { requireActor } from "@/lib/identity/session";

/** `warning`: a few tries are left before the code throttle makes the parent wait. */
export type AddStudentState = ActionState & { warning?: string };

/**
 * "Add student" on the Observing page, and the one-step "Add this student?" of a code link opened
 * while signed in (`via` = qr). Success lands on the Observing page saying who was added, with a
 * fresh form (no stale error).
 */
export async function addStudentAction(_prev: AddStudentState, formData: FormData): Promise<AddStudentState> {
  const actor = await requireActor();
  const values = { pairing_code: String(formData.get("pairing_code") ?? "") };
  const parsed = pairingCodeInputSchema.safeParse(formData.get("pairing_code"));
  if (!parsed.success)
    return localizeState({
      ok: false,
      fieldErrors: zodFieldErrors(parsed.error.issues, "pairing_code"),
      values,
    });
  let studentId: number;
  try {
    const student = await redeemPairingCode(actor, {
      observerId: actor.userId,
      code: parsed.data,
      method: formData.get("via") === "qr" ? "qr" : "code",
      challenge: challengeField(formData),
    });
    studentId = student.id;
  } catch (err) {
    const state = await localizeState(actionErrorState(err, values));
    if (state.retryAfter) {
      const retry = await retryMessage(state.retryAfter);
      return { ...state, message: retry, fieldErrors: { pairing_code: [retry] } };
    }
    const tries = await codeTriesLeft(actor);
    const t = await getTranslations("Observing");
    return { ...state, warning: tries ? t("triesLeft", tries) : undefined };
  }
  redirect(`/observing?added=${studentId}`);
}

const studentIdSchema = formId();

/** "Unlink": an observer leaves the student in every school (Canvas's DELETE), then is told so. */
export async function unlinkStudentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const studentId = studentIdSchema.safeParse(formData.get("student_id"));
  if (!studentId.success) return localizeState({ ok: false, message: "That student does not exist." });
  try {
    await unlinkObservee(actor, {
      observerId: actor.userId,
      studentId: studentId.data,
      rootAccountId: "all",
    });
  } catch (err) {
    return localizeState(actionErrorState(err));
  }
  redirect(`/observing?removed=${studentId.data}`);
}

const requestSchema = z.object({
  student_id: formId("That student does not exist."),
  note: requestNoteSchema,
});

/** "Ask to observe <student> in another course": sent to the school; the observer is told the answer. */
export async function requestCourseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const values = { note: String(formData.get("note") ?? "") };
  const parsed = requestSchema.safeParse({ student_id: formData.get("student_id"), note: values.note });
  if (!parsed.success)
    return localizeState({ ok: false, fieldErrors: zodFieldErrors(parsed.error.issues), values });
  try {
    await requestAnotherCourse(actor, { studentId: parsed.data.student_id, note: parsed.data.note });
  } catch (err) {
    return localizeState(actionErrorState(err, values));
  }
  revalidatePath("/observing");
  return { ok: true, message: (await getTranslations("Observing"))("requestSent") };
}
