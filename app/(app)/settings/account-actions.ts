"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/identity/auth";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { resendEmailVerification } from "@/lib/identity/email-verification";
import { changePassword } from "@/lib/identity/password-change";
import { requireActor } from "@/lib/identity/session";
import { getTranslations } from "next-intl/server";
import { localizeState, retryMessage } from "@/i18n/server-messages";

/**
 * "Change password": every other session ends (changePassword raises the session version), and
 * this browser signs in again with the new password so it stays signed in. The page is then
 * loaded afresh: rendered within this request it would still see the old, now ended, session.
 */
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const password = String(formData.get("password") ?? "");
  let login: string;
  try {
    ({ login } = await changePassword(actor, {
      current_password: String(formData.get("current_password") ?? ""),
      password,
    }));
  } catch (err) {
    const state = await localizeState(actionErrorState(err));
    return state.retryAfter ? { ...state, message: await retryMessage(state.retryAfter) } : state;
  }
  try {
    await signIn("credentials", { email: login, password, redirect: false });
  } catch (err) {
    if (err instanceof AuthError)
      return { ok: true, message: (await getTranslations("Settings"))("passwordChangedSignIn") };
    throw err;
  }
  redirect("/settings?password=changed#password-heading");
}

/** "Send the link again": a new email-confirmation link to the signed-in parent. */
export async function resendVerificationAction(_prev: ActionState): Promise<ActionState> {
  const actor = await requireActor();
  try {
    const { sentTo } = await resendEmailVerification(actor);
    return { ok: true, message: (await getTranslations("Settings"))("emailSent", { email: sentTo }) };
  } catch (err) {
    const state = await localizeState(actionErrorState(err));
    return state.retryAfter ? { ...state, message: await retryMessage(state.retryAfter) } : state;
  }
}
