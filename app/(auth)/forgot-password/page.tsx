import type { Metadata } from "next";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { ForgotPasswordForm } from "./forgot-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Meta"))("forgotPassword") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <AuthPage
      title={t("title")}
      lead={t("lead")}
      footer={{ question: t("remembered"), href: "/login", link: t("signIn") }}
      switcher={<LanguageSwitcher />}
    >
      <FormCard>
        <ClientMessages namespaces={["ForgotPassword"]}>
          <ForgotPasswordForm />
        </ClientMessages>
      </FormCard>
    </AuthPage>
  );
}
