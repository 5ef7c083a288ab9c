"use server";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn, signOut } from "@/lib/identity/auth";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { clientIp } from "@/lib/platform/client-ip";
import { getLocale } from "next-intl/server";
import { localizeState, retryMessage } from "@/i18n/server-messages";
import { challengeField } from "@/lib/pairing-codes/schemas";
import { registerObserver } from "@/lib/pairing-codes/registration";

/**
 * `signInInstead`: the form offers a sign-in link carrying the code. Offered after any refused
 * code, never only when the email has an account (that would tell anyone which emails do; the
 * owner of one is emailed instead, lib/pairing-codes/registration-taken.ts).
 */
export type RegisterState = ActionState & { signInInstead?: boolean };

export async function registerAction(_prev: RegisterState, formData: FormData): Promise<RegisterState> {
  const field = (k: string) => String(formData.get(k) ?? "");
  // Every typed value comes back on failure except the password.
  const values = {
    name: field("name"),
    unique_id: field("unique_id"),
    pairing_code: field("pairing_code"),
    via: field("via"),
  };
  const h = await headers();
  let studentId: number;
  try {
    ({
      student: { id: studentId },
    } = await registerObserver({
      host: h.get("host"),
      ip: clientIp(h),
      name: values.name,
      unique_id: values.unique_id,
      password: field("password"),
      pairing_code: values.pairing_code,
      method: values.via === "qr" ? "qr" : "self_registration",
      challenge: challengeField(formData),
      locale: await getLocale(),
    }));
  } catch (err) {
    const state = await localizeState(actionErrorState(err, values));
    if (state.retryAfter) return { ...state, message: await retryMessage(state.retryAfter) };
    return { ...state, signInInstead: !!state.fieldErrors?.pairing_code || !!state.fieldErrors?.unique_id };
  }
  try {
    await signIn("credentials", {
      email: values.unique_id,
      password: field("password"),
      // The Observing page then says "You are now observing <name>" (lib/observer-links/recent.ts).
      redirectTo: `/observing?added=${studentId}`,
    });
  } catch (err) {
    if (err instanceof AuthError)
      return localizeState({ ok: false, message: "Your account was created. Sign in to continue.", values });
    throw err; // the redirect after signing in
  }
  return { ok: true };
}

/** "Not you?" on the one-step "Add this student?": signs out, and the code waits on the sign-in page. */
export async function signOutKeepingCodeAction(formData: FormData): Promise<void> {
  const code = String(formData.get("code") ?? "").slice(0, 64);
  await signOut({ redirectTo: code ? `/login?code=${encodeURIComponent(code)}` : "/login" });
}
