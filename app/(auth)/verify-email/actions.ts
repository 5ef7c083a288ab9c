"use server";
import { headers } from "next/headers";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { clientIp } from "@/lib/platform/client-ip";
import { verifyEmail } from "@/lib/identity/email-verification";
import { getTranslations } from "next-intl/server";
import { localizeState } from "@/i18n/server-messages";

// No session needed: the one-time link is the proof, and verifyEmail checks and uses it up.
export async function verifyEmailAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const { email } = await verifyEmail({
      token: String(formData.get("token") ?? ""),
      ip: clientIp(await headers()),
    });
    return { ok: true, message: (await getTranslations("VerifyEmail"))("done", { email }) };
  } catch (err) {
    return localizeState(actionErrorState(err));
  }
}
