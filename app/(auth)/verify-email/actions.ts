"use server";
import { headers } from "next/headers";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { clientIp } from "@/lib/platform/client-ip";
import { verifyEmail } from "@/lib/identity/email-verification";

// No session needed: the one-time link is the proof, and verifyEmail checks and uses it up.
export async function verifyEmailAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const { email } = await verifyEmail({
      token: String(formData.get("token") ?? ""),
      ip: clientIp(await headers()),
    });
    return { ok: true, message: `Thank you: ${email} is confirmed.` };
  } catch (err) {
    return actionErrorState(err);
  }
}
