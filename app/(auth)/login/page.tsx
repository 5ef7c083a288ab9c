import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { getActor } from "@/lib/identity/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; code?: string }>;
}) {
  const { next, code: rawCode } = await searchParams;
  const code = rawCode?.trim().slice(0, 64) || undefined;
  // Signed in already: a code goes to the one-step "Add this student?" of the registration page.
  if (await getActor()) redirect(code ? `/register?code=${encodeURIComponent(code)}` : "/");
  return (
    <AuthPage
      title="Sign in"
      lead={
        code
          ? "Sign in to your parent account: the student whose pairing code you have is added as soon as you are in."
          : "Students, parents and school staff sign in here."
      }
      footer={{
        question: "A parent or guardian with a pairing code?",
        href: code ? `/register?code=${encodeURIComponent(code)}` : "/register",
        link: "Create an account",
      }}
    >
      <FormCard>
        <LoginForm next={next} code={code} />
        <p className="mt-4 text-sm">
          <Link href="/forgot-password" className="text-blue-800 underline underline-offset-4">
            Forgot password?
          </Link>
        </p>
      </FormCard>
    </AuthPage>
  );
}
