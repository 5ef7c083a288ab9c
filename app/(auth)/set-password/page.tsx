import type { Metadata } from "next";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { findPasswordSetup } from "@/lib/identity/password-setup";
import { PASSWORD_RULES } from "@/lib/identity/passwords";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

// Reached from the email an admin-made account gets, or a "Forgot password?" email. The token in
// the link is the credential.
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = String((await searchParams).token ?? "").slice(0, 100);
  const setup = await findPasswordSetup(token);
  return (
    <AuthPage
      title={setup?.purpose === "reset" ? "Choose a new password" : "Choose your password"}
      lead={
        setup &&
        `For the account ${setup.email}. You will sign in with this email and the password you choose${setup.purpose === "reset" ? "; you will be signed out everywhere else" : ""}.`
      }
      footer={{ question: "Already have a password?", href: "/login", link: "Sign in" }}
    >
      {setup ? (
        <FormCard>
          <SetPasswordForm token={token} email={setup.email} passwordRules={PASSWORD_RULES} />
        </FormCard>
      ) : (
        <Notice tone="error">
          This link has expired or was already used.{" "}
          <Link href="/forgot-password" className="underline underline-offset-4">
            Ask for a new link
          </Link>{" "}
          or ask your school to send one.
        </Notice>
      )}
    </AuthPage>
  );
}
