"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/identity/auth";
import { enabledSsoProvider } from "@/lib/identity/sso";
import { getDomainRootAccountIdForRequest } from "./school";
import { safeNext } from "./next-path";

/** A provider's button on the sign-in page: off to the school's identity provider. */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  const provider = await enabledSsoProvider(
    await getDomainRootAccountIdForRequest(),
    Number(formData.get("provider")),
  );
  if (!provider) return;
  try {
    await signIn(provider.authId, { redirectTo: safeNext(formData.get("next")) });
  } catch (err) {
    if (err instanceof AuthError) return;
    throw err; // the redirect to the provider
  }
}
