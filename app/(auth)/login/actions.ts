"use server";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signInErrorMessage, signInSchema } from "@/lib/identity/auth";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import { clientIp } from "@/lib/platform/client-ip";
import { redeemCodeWithPassword } from "@/lib/pairing-codes";
import { pairingCodeInputSchema } from "@/lib/pairing-codes/schemas";
import { localizeState } from "@/i18n/server-messages";
import { safeNext } from "./next-path";

export async function loginAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success)
    return localizeState({ ok: false, fieldErrors: zodFieldErrors(parsed.error.issues), values });
  const code = pairingCodeInputSchema.safeParse(formData.get("code") ?? undefined);
  if (code.success) return signInAndRedeem(parsed.data, code.data, values);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNext(formData.get("next")) });
  } catch (err) {
    if (err instanceof AuthError)
      return localizeState({ ok: false, message: await signInErrorMessage(err), values });
    throw err; // the redirect after a successful sign-in
  }
  return { ok: true };
}

/**
 * Signing in from a registration page opened with a code (the QR link): sign in, then redeem the
 * code with the same lib function as the Observing page, and land there saying what happened.
 */
async function signInAndRedeem(
  credentials: { email: string; password: string },
  code: string,
  values: Record<string, string>,
): Promise<ActionState> {
  try {
    await signIn("credentials", { ...credentials, redirect: false });
  } catch (err) {
    if (err instanceof AuthError)
      return localizeState({ ok: false, message: await signInErrorMessage(err), values });
    throw err;
  }
  const h = await headers();
  let target: string;
  try {
    const student = await redeemCodeWithPassword({
      login: credentials.email,
      password: credentials.password,
      code,
      host: h.get("host"),
      ip: clientIp(h),
    });
    target = `/observing?added=${student.id}`;
  } catch (err) {
    target = `/observing?code_failed=${actionErrorState(err).retryAfter ? "throttled" : "invalid"}`;
  }
  redirect(target);
}
