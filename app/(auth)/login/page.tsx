import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FooterLink } from "@/components/ui/footer-link";
import { getActor } from "@/lib/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getActor()) redirect("/");
  const { next } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-10">
      <div>
        <h1 className="text-3xl font-bold">Sign in</h1>
        <p className="mt-2 text-slate-700">Students, parents and school staff sign in here.</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <LoginForm next={next} />
      </div>
      <FooterLink question="A parent or guardian with a pairing code?" href="/register">
        Create an account
      </FooterLink>
    </main>
  );
}
