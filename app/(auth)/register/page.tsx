import type { Metadata } from "next";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
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
    <AuthPage
      title="Parent registration"
      lead={
        <>
          Create a parent or guardian account at {account.name} and follow your student&apos;s courses. You
          need a pairing code from your student.
        </>
      }
      footer={{ question: "Already have an account?", href: "/login", link: "Sign in" }}
    >
      {elsewhere ? (
        <Notice tone="info">
          This pairing code belongs to {elsewhere}, not {account.name}. Open the link from your student&apos;s
          school site, or ask the school which address to use.
        </Notice>
      ) : open ? (
        <FormCard>
          {/* The QR link carries the code; "via" records that the parent came by QR (for the audit). */}
          <RegisterForm code={code?.slice(0, 64)} via={code ? "qr" : ""} passwordRules={PASSWORD_RULES} />
        </FormCard>
      ) : (
        <Notice tone="info">{observerRegistrationClosedMessage(account)}</Notice>
      )}
    </AuthPage>
  );
}
