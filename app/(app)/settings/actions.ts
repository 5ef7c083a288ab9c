"use server";
import { redirect } from "next/navigation";
import { actionErrorState, type ActionState } from "@/lib/action-state";
import { createPairingCode, type PairingCodeJson } from "@/lib/pairing-codes";
import { getActor } from "@/lib/session";

export type GenerateCodeState = ActionState & { code?: PairingCodeJson };

export async function generatePairingCodeAction(_prev: GenerateCodeState): Promise<GenerateCodeState> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  try {
    return { ok: true, code: await createPairingCode(actor, { studentId: actor.userId }) };
  } catch (err) {
    return actionErrorState(err);
  }
}
