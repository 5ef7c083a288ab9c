import type { Metadata } from "next";
import Link from "next/link";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { Notice } from "@/components/ui/notice";
import { findEmailVerification } from "@/lib/identity/email-verification";
import { VerifyEmailForm } from "./verify-form";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

// Reached from a self-registered parent's welcome email. The token in the link is the proof.
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = String((await searchParams).token ?? "").slice(0, 100);
  const found = await findEmailVerification(token);
  return (
    <AuthPage
      title="Confirm your email"
      lead={found && `Confirm that ${found.email} is your email address.`}
      footer={{ question: "Have an account?", href: "/login", link: "Sign in" }}
    >
      {found ? (
        <FormCard>
          <VerifyEmailForm token={token} />
        </FormCard>
      ) : (
        <Notice tone="error">
          This link has expired or was already used.{" "}
          <Link href="/settings" className="underline underline-offset-4">
            Send a new one from Settings
          </Link>{" "}
          (sign in first).
        </Notice>
      )}
    </AuthPage>
  );
}
