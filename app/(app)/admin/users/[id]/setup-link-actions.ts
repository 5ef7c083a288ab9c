"use server";
import { formId } from "@/lib/platform/ids";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { renewPasswordSetup } from "@/lib/identity/setup-links";
import { requireActor } from "@/lib/identity/session";

export type SetupLinkState = ActionState & { link?: string; lifetime?: string };

/** "Send password link": emailed with SMTP; without it, shown once here (see lib/identity/setup-links.ts). */
export async function newSetupLinkAction(_prev: SetupLinkState, formData: FormData): Promise<SetupLinkState> {
  const actor = await requireActor();
  const loginId = formId().safeParse(formData.get("login_id"));
  if (!loginId.success) return { ok: false, message: "That login does not exist." };
  try {
    const made = await renewPasswordSetup(actor, { loginId: loginId.data });
    const what =
      made.purpose === "setup" ? "link to choose a first password" : "link to choose a new password";
    if ("emailedTo" in made)
      return {
        ok: true,
        message: `A ${what} was emailed to ${made.emailedTo}. Earlier links no longer work.`,
      };
    return { ok: true, link: made.link, lifetime: made.purpose === "setup" ? "7 days" : "60 minutes" };
  } catch (err) {
    return actionErrorState(err);
  }
}
