"use server";
import { revokePairingCode } from "@/lib/pairing-codes";
import { removeObserver } from "@/lib/observer-links";
import { idAction } from "../id-action";

export const revokeCodeAction = idAction({
  field: "code_id",
  done: "Code revoked.",
  revalidate: "/settings",
  run: (actor, codeId) => revokePairingCode(actor, { studentId: actor.userId, codeId }),
});

export const removeObserverAction = idAction({
  field: "observer_id",
  done: "Observer removed.",
  revalidate: "/settings",
  run: (actor, observerId) => removeObserver(actor, { studentId: actor.userId, observerId }),
});
