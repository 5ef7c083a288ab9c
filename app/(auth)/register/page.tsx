import type { Metadata } from "next";
import { FooterLink } from "@/components/ui/footer-link";
import { headers } from "next/headers";
import { getDomainRootAccount, rootAccountName } from "@/lib/accounts";
import { PASSWORD_RULES } from "@/lib/registration";
import { observerRegistrationClosedMessage, observerRegistrationOpen } from "@/lib/self-registration";
import { Notice } from "@/components/ui/notice";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Parent registration" };

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string; account?: string }>;
}) {
  const account = await getDomainRootAccount((await headers()).get("host"));
  const { code, account: codeAccount } = await searchParams;
  // The QR link names the school of the code. Opened on another school's site, the code cannot
  // work here: say where it belongs instead of letting the parent fill in the form for nothing.
  const elsewhere =
    codeAccount && codeAccount !== String(account.id) ? await rootAccountName(codeAccount) : null;
  const open = observerRegistrationOpen(account);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-10">
      <div>
        <h1 className="text-3xl font-bold">Parent registration</h1>
        <p className="mt-2 text-slate-700">
          Create a parent or guardian account at {account.name} and follow your student&apos;s courses. You
          need a pairing code from your student.
        </p>
      </div>
      {elsewhere ? (
        <Notice tone="info">
          This pairing code belongs to {elsewhere}, not {account.name}. Open the link from your student&apos;s
          school site, or ask the school which address to use.
        </Notice>
      ) : open ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {/* The QR link carries the code; "via" records that the parent came by QR (for the audit). */}
          <RegisterForm code={code?.slice(0, 64)} via={code ? "qr" : ""} passwordRules={PASSWORD_RULES} />
        </div>
      ) : (
        <Notice tone="info">{observerRegistrationClosedMessage(account)}</Notice>
      )}
      <FooterLink question="Already have an account?" href="/login">
        Sign in
      </FooterLink>
    </main>
  );
}
