"use server";
import { revalidatePath } from "next/cache";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/action-state";
import { retryWords } from "@/components/format";
import { unlinkObservee } from "@/lib/observer-links";
import { redeemPairingCode } from "@/lib/pairing-codes";
import { challengeField, pairingCodeInputSchema } from "@/lib/pairing-codes/schemas";
import { requireActor } from "@/lib/session";
import { idAction } from "../id-action";

export async function addStudentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const values = { pairing_code: String(formData.get("pairing_code") ?? "") };
  const parsed = pairingCodeInputSchema.safeParse(formData.get("pairing_code"));
  if (!parsed.success)
    return { ok: false, fieldErrors: zodFieldErrors(parsed.error.issues, "pairing_code"), values };
  try {
    const student = await redeemPairingCode(actor, {
      observerId: actor.userId,
      code: parsed.data,
      method: "code",
      challenge: challengeField(formData),
    });
    revalidatePath("/observing");
    return { ok: true, message: `You are now observing ${student.name}.` };
  } catch (err) {
    const state = actionErrorState(err, values);
    if (state.retryAfter)
      return {
        ...state,
        message: retryWords(state.retryAfter),
        fieldErrors: { pairing_code: [retryWords(state.retryAfter)] },
      };
    return state;
  }
}

export const unlinkStudentAction = idAction({
  field: "student_id",
  done: "Unlinked.",
  revalidate: "/observing",
  // An observer unlinking themself leaves the student in every school (Canvas's DELETE).
  run: (actor, studentId) =>
    unlinkObservee(actor, { observerId: actor.userId, studentId, rootAccountId: "all" }),
});
