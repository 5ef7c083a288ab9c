import type { Metadata } from "next";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { headers } from "next/headers";
import { getDomainRootAccount } from "@/lib/accounts/accounts";
import { getTranslations } from "next-intl/server";
import { observerRegistrationOpen } from "@/lib/accounts/self-registration";
import { ClientMessages } from "@/components/client-messages";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { passwordRules } from "@/i18n/password-rules";
import { Notice } from "@/components/ui/notice";
import { getHomeSummary } from "@/lib/admin/home";
import { formatCode, normalizeCode } from "@/lib/pairing-codes";
import { getActor } from "@/lib/identity/session";
import type { Actor } from "@/lib/accounts/actor";
import { AddByCode } from "./add-by-code";
import { RegisterForm } from "./register-form";
import { signOutKeepingCodeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Meta"))("register") };
}

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
  const t = await getTranslations("Register");
  return (
    <AuthPage
      title={t("title")}
      lead={t("lead", { school: account.name })}
      footer={{
        question: t("haveAccount"),
        href: typed ? `/login?code=${encodeURIComponent(typed)}` : "/login",
        link: t("signIn"),
      }}
      switcher={<LanguageSwitcher />}
    >
      {elsewhere ? (
        <Notice tone="info">{t("elsewhere", { school: account.name })}</Notice>
      ) : open ? (
        <FormCard>
          {/* The QR link carries the code; "via" records that the parent came by QR (for the audit). */}
          <ClientMessages namespaces={["Register"]}>
            <RegisterForm code={typed} via={typed ? "qr" : ""} passwordRules={await passwordRules()} />
          </ClientMessages>
        </FormCard>
      ) : (
        <Notice tone="info">{t("closed", { school: account.name })}</Notice>
      )}
    </AuthPage>
  );
}

/** A code link opened by someone already signed in: add the student in one step, no new account. */
async function SignedIn({ actor, school, code }: { actor: Actor; school: string; code?: string }) {
  const { mayObserve } = await getHomeSummary(actor);
  const normalized = code ? normalizeCode(code) : null;
  const t = await getTranslations("Register");
  return (
    <AuthPage
      title={code ? t("addTitleWithCode") : t("addTitle")}
      lead={t("signedInAs", { name: actor.name, school })}
      footer={{
        question: t("nothingToAdd"),
        href: "/observing",
        link: t("goToObserving"),
      }}
    >
      {!mayObserve ? (
        <Notice tone="info">{t("parentsOnly")}</Notice>
      ) : code ? (
        <FormCard>
          <ClientMessages namespaces={["Register", "Shell"]}>
            <AddByCode code={code} shown={normalized ? formatCode(normalized) : code} school={school} />
          </ClientMessages>
        </FormCard>
      ) : (
        <Notice tone="info">{t("useObserving")}</Notice>
      )}
      <form action={signOutKeepingCodeAction} className="flex flex-wrap items-center gap-2 text-slate-700">
        {code && <input type="hidden" name="code" value={code} />}
        <span>{t("notYou")}</span>
        <SignOutButton />
      </form>
    </AuthPage>
  );
}
