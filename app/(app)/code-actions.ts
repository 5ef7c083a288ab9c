"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionErrorState, type ActionState } from "@/lib/action-state";
import { createPairingCode } from "@/lib/pairing-codes";
import { pairingQr } from "@/lib/qr";
import { requireActor } from "@/lib/session";
import type { ShownCode } from "@/components/pairing/code-card";

type GenerateCodeState = ActionState & { code?: ShownCode };

const studentIdSchema = z.coerce.number().int().positive().optional();

/** A pairing code for the signed-in student, or (admins, permitted teachers) for `student_id`. */
export async function generateCodeAction(
  _prev: GenerateCodeState,
  formData: FormData,
): Promise<GenerateCodeState> {
  const actor = await requireActor();
  const parsed = studentIdSchema.safeParse(formData.get("student_id") ?? undefined);
  if (!parsed.success) return { ok: false, message: "That student does not exist." };
  try {
    const made = await createPairingCode(actor, { studentId: parsed.data ?? actor.userId });
    const h = await headers();
    const qr = await pairingQr(
      { code: made.code, rootAccountId: made.rootAccountId },
      h.get("host"),
      h.get("x-forwarded-proto"),
    );
    revalidatePath("/settings");
    return { ok: true, code: { code: made.code, expires_at: made.expires_at, qr } };
  } catch (err) {
    return actionErrorState(err);
  }
}
