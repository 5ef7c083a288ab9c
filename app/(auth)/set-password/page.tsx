import type { Metadata } from "next";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { findPasswordSetup } from "@/lib/password-setup";
import { PASSWORD_RULES } from "@/lib/passwords";
import { Notice } from "@/components/ui/notice";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

// Reached from the email an admin-made account gets. The token in the link is the credential.
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = String((await searchParams).token ?? "").slice(0, 100);
  const setup = await findPasswordSetup(token);
  return (
    <AuthPage
      title="Choose your password"
      lead={
        setup &&
        `For the account ${setup.email}. You will sign in with this email and the password you choose.`
      }
      footer={{ question: "Already have a password?", href: "/login", link: "Sign in" }}
    >
      {setup ? (
        <FormCard>
          <SetPasswordForm token={token} email={setup.email} passwordRules={PASSWORD_RULES} />
        </FormCard>
      ) : (
        <Notice tone="error">
          This link has expired or was already used. Ask your school to send a new one.
        </Notice>
      )}
    </AuthPage>
  );
}
