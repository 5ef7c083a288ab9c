"use server";
import { AuthError } from "next-auth";
import { signIn, signInErrorMessage, signInSchema } from "@/lib/auth";
import { zodFieldErrors, type ActionState } from "@/lib/action-state";

/** Only same-site paths may be a post-login destination. */
function safeNext(value: FormDataEntryValue | null): string {
  const s = typeof value === "string" ? value : "";
  return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/\\") ? s : "/";
}

export async function loginAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { ok: false, fieldErrors: zodFieldErrors(parsed.error.issues), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNext(formData.get("next")) });
  } catch (err) {
    if (err instanceof AuthError) return { ok: false, message: signInErrorMessage(err), values };
    throw err; // the redirect after a successful sign-in
  }
  return { ok: true };
}
