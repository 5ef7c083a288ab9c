import type { Metadata } from "next";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Sign-in refused" };

// What a refused single sign-on tells the person (the audit log tells the school the details).
const MESSAGES: Record<string, string> = {
  unknown_user:
    "Your account isn't set up here yet — ask your school. Your school's sign-in knew you, but this app has no account for you at this school.",
  email_unverified:
    "Your school's sign-in has not confirmed your email address, so it cannot be used to sign in here. Ask your school.",
  missing_claim:
    "Your school's sign-in did not say who you are in a way this app understands. Ask your school.",
  disabled:
    "That way of signing in is switched off at this school. Use another way below, or ask your school.",
};
const DEFAULT_MESSAGE =
  "Signing in with your school's account could not be completed. Start again from the sign-in page; if it happens again, ask your school.";

export default async function SignInRefusedPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string }>;
}) {
  const { reason } = await searchParams;
  return (
    <AuthPage
      title="You could not be signed in"
      footer={{ question: "Try again?", href: "/login", link: "Back to sign-in" }}
    >
      <FormCard>
        <Notice tone="error">{MESSAGES[reason ?? ""] ?? DEFAULT_MESSAGE}</Notice>
      </FormCard>
    </AuthPage>
  );
}
