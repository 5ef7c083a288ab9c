"use server";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/identity/session";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { setUserLocale } from "@/lib/users";
import { localizeState } from "@/i18n/server-messages";

/** Settings → Language: the user's own choice, for pages and emails; the page reloads in it. */
export async function setUserLocaleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  try {
    await setUserLocale(actor, { locale: formData.get("locale") ?? "" });
  } catch (err) {
    return localizeState(actionErrorState(err));
  }
  redirect("/settings?language=saved#language-heading");
}
