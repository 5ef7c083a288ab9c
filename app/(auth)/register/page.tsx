import type { Metadata } from "next";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { headers } from "next/headers";
import { getDomainRootAccount } from "@/lib/accounts/accounts";
import { PASSWORD_RULES } from "@/lib/pairing-codes/registration";
import {
  observerRegistrationClosedMessage,
  observerRegistrationOpen,
} from "@/lib/accounts/self-registration";
import { Notice } from "@/components/ui/notice";
import { getHomeSummary } from "@/lib/admin/home";
import { formatCode, normalizeCode } from "@/lib/pairing-codes";
import { getActor } from "@/lib/identity/session";
import type { Actor } from "@/lib/accounts/actor";
import { AddByCode } from "./add-by-code";
import { RegisterForm } from "./register-form";
import { signOutKeepingCodeAction } from "./actions";

export const metadata: Metadata = { title: "Parent registration" };

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string; account?: string }>;
}) {
  const account = await getDomainRootAccount((await headers()).get("host"));
  const { code, account: codeAccount } = await searchParams;
  // The QR link carries the id of the code's school. Opened on another school's site, the code
  // cannot work here: say so instead of letting the parent fill in the form for nothing — without
  // naming that school (any id would otherwise name any school of the installation).
  const elsewhere = !!codeAccount && codeAccount !== String(account.id);
  const open = observerRegistrationOpen(account);
  const typed = code?.trim().slice(0, 64) || undefined;
  const actor = await getActor();
  if (actor && !elsewhere) return <SignedIn actor={actor} school={account.name} code={typed} />;
  return (
    <AuthPage
      title="Parent registration"
      lead={
        <>
          Create a parent or guardian account at {account.name} and follow your student&apos;s courses. You
          need a pairing code from your student.
        </>
      }
      footer={{
        question: "Already have an account?",
        href: typed ? `/login?code=${encodeURIComponent(typed)}` : "/login",
        link: "Sign in",
      }}
    >
      {elsewhere ? (
        <Notice tone="info">
          This pairing code link is for another school&apos;s site, not {account.name}&apos;s. Open the link
          exactly as your student&apos;s school gave it, or ask the school which address to use.
        </Notice>
      ) : open ? (
        <FormCard>
          {/* The QR link carries the code; "via" records that the parent came by QR (for the audit). */}
          <RegisterForm code={typed} via={typed ? "qr" : ""} passwordRules={PASSWORD_RULES} />
        </FormCard>
      ) : (
        <Notice tone="info">{observerRegistrationClosedMessage(account)}</Notice>
      )}
    </AuthPage>
  );
}

/** A code link opened by someone already signed in: add the student in one step, no new account. */
async function SignedIn({ actor, school, code }: { actor: Actor; school: string; code?: string }) {
  const { mayObserve } = await getHomeSummary(actor);
  const normalized = code ? normalizeCode(code) : null;
  return (
    <AuthPage
      title={code ? "Add this student?" : "Add a student"}
      lead={
        <>
          You are signed in as {actor.name} at {school}.
        </>
      }
      footer={{
        question: "Nothing to add?",
        href: "/observing",
        link: "Go to Observing",
      }}
    >
      {!mayObserve ? (
        <Notice tone="info">
          Pairing codes are for parents and guardians. Sign out first if a parent wants to use this code on
          this device.
        </Notice>
      ) : code ? (
        <FormCard>
          <AddByCode code={code} shown={normalized ? formatCode(normalized) : code} school={school} />
        </FormCard>
      ) : (
        <Notice tone="info">To add a student, enter their pairing code on your Observing page.</Notice>
      )}
      <form action={signOutKeepingCodeAction} className="flex flex-wrap items-center gap-2 text-slate-700">
        {code && <input type="hidden" name="code" value={code} />}
        <span>Not you?</span>
        <SignOutButton />
      </form>
    </AuthPage>
  );
}
