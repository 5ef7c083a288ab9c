"use server";
import type { ActionState } from "@/lib/action-state";
import { revokePairingCode } from "@/lib/pairing-codes";
import { removeObserver } from "@/lib/observer-links";
import { runIdAction } from "../id-action";

export async function revokeCodeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runIdAction(formData, {
    field: "code_id",
    missing: "That code does not exist.",
    done: "Code revoked.",
    revalidate: "/settings",
    run: (actor, codeId) => revokePairingCode(actor, { studentId: actor.userId, codeId }),
  });
}

export async function removeObserverAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runIdAction(formData, {
    field: "observer_id",
    missing: "That observer does not exist.",
    done: "Observer removed.",
    revalidate: "/settings",
    run: (actor, observerId) => removeObserver(actor, { studentId: actor.userId, observerId }),
  });
}
