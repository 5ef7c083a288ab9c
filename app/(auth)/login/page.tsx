import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { getActor } from "@/lib/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getActor()) redirect("/");
  const { next } = await searchParams;
  return (
    <AuthPage
      title="Sign in"
      lead="Students, parents and school staff sign in here."
      footer={{
        question: "A parent or guardian with a pairing code?",
        href: "/register",
        link: "Create an account",
      }}
    >
      <FormCard>
        <LoginForm next={next} />
      </FormCard>
    </AuthPage>
  );
}
