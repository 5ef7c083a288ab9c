import type { Metadata } from "next";
import Link from "next/link";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { Notice } from "@/components/ui/notice";
import { findEmailVerification } from "@/lib/identity/email-verification";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { VerifyEmailForm } from "./verify-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("VerifyEmail"))("title"), referrer: "no-referrer" };
}

// Reached from a self-registered parent's welcome email. The token in the link is the proof.
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = String((await searchParams).token ?? "").slice(0, 100);
  const found = await findEmailVerification(token);
  const t = await getTranslations("VerifyEmail");
  return (
    <AuthPage
      title={t("title")}
      lead={found && t("lead", { email: found.email })}
      footer={{ question: t("haveAccount"), href: "/login", link: t("signIn") }}
    >
      {found ? (
        <FormCard>
          <ClientMessages namespaces={["VerifyEmail"]}>
            <VerifyEmailForm token={token} />
          </ClientMessages>
        </FormCard>
      ) : (
        <Notice tone="error">
          {t("expired")}{" "}
          <Link href="/settings" className="underline underline-offset-4">
            {t("sendAgain")}
          </Link>{" "}
          {t("signInFirst")}
        </Notice>
      )}
    </AuthPage>
  );
}
