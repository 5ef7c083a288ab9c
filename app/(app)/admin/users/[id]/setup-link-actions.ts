"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { actionErrorState, type ActionState } from "@/lib/action-state";
import { renewPasswordSetup } from "@/lib/admin/setup-links";
import { requireActor } from "@/lib/session";

export type SetupLinkState = ActionState & { link?: string };

/** Where the link points when APP_URL is unset: the site the admin is using. */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  return h.get("origin") ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
}

/** "New setup link": emailed with SMTP; without it, shown once here (see lib/admin/setup-links.ts). */
export async function newSetupLinkAction(_prev: SetupLinkState, formData: FormData): Promise<SetupLinkState> {
  const actor = await requireActor();
  const loginId = z.coerce.number().int().positive().safeParse(formData.get("login_id"));
  if (!loginId.success) return { ok: false, message: "That login does not exist." };
  try {
    const made = await renewPasswordSetup(actor, { loginId: loginId.data, origin: await requestOrigin() });
    if ("emailedTo" in made)
      return {
        ok: true,
        message: `A new setup link was emailed to ${made.emailedTo}. Earlier links no longer work.`,
      };
    return { ok: true, link: made.link };
  } catch (err) {
    return actionErrorState(err);
  }
}
