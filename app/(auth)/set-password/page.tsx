import type { Metadata } from "next";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { findPasswordSetup } from "@/lib/identity/password-setup";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { passwordRules } from "@/i18n/password-rules";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { SetPasswordForm } from "./set-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Meta"))("choosePassword"), referrer: "no-referrer" };
}

// Reached from the email an admin-made account gets, or a "Forgot password?" email. The token in
// the link is the credential.
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = String((await searchParams).token ?? "").slice(0, 100);
  const setup = await findPasswordSetup(token);
  const t = await getTranslations("SetPassword");
  const reset = setup?.purpose === "reset";
  return (
    <AuthPage
      title={reset ? t("titleReset") : t("titleSetup")}
      lead={setup && (reset ? t("leadReset", { email: setup.email }) : t("lead", { email: setup.email }))}
      footer={{ question: t("haveOne"), href: "/login", link: t("signIn") }}
    >
      {setup ? (
        <FormCard>
          <ClientMessages namespaces={["SetPassword"]}>
            <SetPasswordForm token={token} email={setup.email} passwordRules={await passwordRules()} />
          </ClientMessages>
        </FormCard>
      ) : (
        <Notice tone="error">
          {t("expired")}{" "}
          <Link href="/forgot-password" className="underline underline-offset-4">
            {t("askAgain")}
          </Link>{" "}
          {t("orSchool")}
        </Notice>
      )}
    </AuthPage>
  );
}
