"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { signIn, signInErrorMessage } from "@/lib/identity/auth";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { clientIp } from "@/lib/platform/client-ip";
import { completePasswordSetup } from "@/lib/identity/password-setup";
import { localizeState } from "@/i18n/server-messages";

// No session to check: the one-time link is the credential, and completePasswordSetup checks it.
export async function setPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const token = String(formData.get("token") ?? "");
  const password = String(formData.get("password") ?? "");
  let email: string;
  try {
    ({ email } = await completePasswordSetup({ token, password, ip: clientIp(await headers()) }));
  } catch (err) {
    return localizeState(actionErrorState(err));
  }
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (err) {
    // A student or staff member whose school switched passwords off is told how they sign in instead.
    if (err instanceof CredentialsSignin && err.code === "password_off")
      return localizeState({ ok: false, message: await signInErrorMessage(err) });
    if (err instanceof AuthError)
      return localizeState({ ok: true, message: "Your password is set. Sign in to continue." });
    throw err; // the redirect after signing in
  }
  return { ok: true };
}
