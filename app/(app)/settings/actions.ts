"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionErrorState, type ActionState } from "@/lib/action-state";
import { revokePairingCode } from "@/lib/pairing-codes";
import { removeObserver } from "@/lib/observer-links";
import { getActor } from "@/lib/session";

const idSchema = z.coerce.number().int().positive();

export async function revokeCodeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const codeId = idSchema.safeParse(formData.get("code_id"));
  if (!codeId.success) return { ok: false, message: "That code does not exist." };
  try {
    await revokePairingCode(actor, { studentId: actor.userId, codeId: codeId.data });
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath("/settings");
  return { ok: true, message: "Code revoked." };
}

export async function removeObserverAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const observerId = idSchema.safeParse(formData.get("observer_id"));
  if (!observerId.success) return { ok: false, message: "That observer does not exist." };
  try {
    await removeObserver(actor, { studentId: actor.userId, observerId: observerId.data });
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath("/settings");
  return { ok: true, message: "Observer removed." };
}
