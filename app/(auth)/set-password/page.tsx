import type { Metadata } from "next";
import { FooterLink } from "@/components/ui/footer-link";
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
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-10">
      <div>
        <h1 className="text-3xl font-bold">Choose your password</h1>
        {setup && (
          <p className="mt-2 text-slate-700">
            For the account {setup.email}. You will sign in with this email and the password you choose.
          </p>
        )}
      </div>
      {setup ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SetPasswordForm token={token} email={setup.email} passwordRules={PASSWORD_RULES} />
        </div>
      ) : (
        <Notice tone="error">
          This link has expired or was already used. Ask your school to send a new one.
        </Notice>
      )}
      <FooterLink question="Already have a password?" href="/login">
        Sign in
      </FooterLink>
    </main>
  );
}
