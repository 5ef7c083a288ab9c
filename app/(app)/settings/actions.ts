"use server";
import { removeObserver } from "@/lib/observer-links";
import { idAction } from "../id-action";

export const removeObserverAction = idAction({
  field: "observer_id",
  done: "Observer removed.",
  revalidate: "/settings",
  run: (actor, observerId) => removeObserver(actor, { studentId: actor.userId, observerId }),
});
