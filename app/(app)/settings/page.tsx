import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/identity/session";
import { emailVerificationStatus } from "@/lib/identity/email-verification";
import { getPairingEligibility, listActivePairingCodes, MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { getPasswordLogin, passwordChangedRecently } from "@/lib/identity/password-change";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { GenerateCode } from "@/components/pairing/generate-code";
import { Page } from "@/components/ui/page";
import { generateCodeAction } from "../code-actions";
import { ActiveCodes, codeChoices } from "../active-codes";
import { viewerTimeZone } from "../time-zone";
import { ChangePasswordForm } from "./change-password-form";
import { MyObservers } from "./my-observers";
import { VerifyEmailNotice } from "./verify-email-notice";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LanguageForm } from "./language-form";
import { passwordRules } from "@/i18n/password-rules";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Settings"))("title") };
}

// Each section for whom it applies: pairing for students, the email check for self-registered
// parents, the password for everyone with one here, developer tools last.
export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string; language?: string }>;
}) {
  const actor = await requireActor();
  const params = await searchParams;
  const changed = params.password === "changed";
  const t = await getTranslations("Settings");
  const [pairing, password, email, changedRecently, timeZone] = await Promise.all([
    getPairingEligibility(actor),
    getPasswordLogin(actor),
    emailVerificationStatus(actor),
    changed ? passwordChangedRecently(actor) : false,
    viewerTimeZone(),
  ]);
  const codes = pairing.isStudent ? await listActivePairingCodes(actor, { studentId: actor.userId }) : [];
  return (
    <Page title={t("title")}>
      {pairing.isStudent && (
        <Section
          id="pair"
          title="Pair with Observer"
          description="A parent or guardian who enters your pairing code can follow your courses. Only share it with them."
        >
          {pairing.canGenerate ? (
            <div className="flex flex-col gap-3">
              <p className="text-sm text-slate-700">
                A code works once and expires after {pairing.lifetimeDays}{" "}
                {pairing.lifetimeDays === 1 ? "day" : "days"}. You can have up to {MAX_ACTIVE_CODES} active
                codes; with that many, you choose which one to revoke before making another.
              </p>
              <GenerateCode
                action={generateCodeAction}
                label="Pair with Observer"
                timeZone={timeZone}
                activeCodes={codeChoices(codes, timeZone)}
                limit={MAX_ACTIVE_CODES}
              />
            </div>
          ) : (
            <Notice tone="info">{pairing.reason}</Notice>
          )}
        </Section>
      )}
      {pairing.isStudent && <ActiveCodes codes={codes} limit={MAX_ACTIVE_CODES} timeZone={timeZone} />}
      {pairing.isStudent && (
        <MyObservers actor={actor} mayRemove={pairing.studentsMayRemoveObservers} timeZone={timeZone} />
      )}
      {email.pending && (
        <Section id="email" title={t("emailTitle")}>
          <ClientMessages namespaces={["Settings"]}>
            <VerifyEmailNotice email={email.email} />
          </ClientMessages>
        </Section>
      )}
      {password && (
        <Section id="password" title={t("passwordTitle")} description={t("passwordDescription")}>
          {changedRecently && (
            <div className="mb-4">
              <Notice tone="success">{t("passwordChanged")}</Notice>
            </div>
          )}
          <ClientMessages namespaces={["Settings"]}>
            <ChangePasswordForm login={password.login} passwordRules={await passwordRules()} />
          </ClientMessages>
        </Section>
      )}
      <Section id="language" title={t("language")} description={t("languageDescription")}>
        {params.language === "saved" && (
          <div className="mb-4">
            <Notice tone="success">{t("languageSaved")}</Notice>
          </div>
        )}
        <ClientMessages namespaces={["Settings"]}>
          <LanguageForm current={actor.locale ?? null} />
        </ClientMessages>
      </Section>
      <Section id="advanced" title={t("advancedTitle")} description={t("advancedDescription")}>
        <Link href="/settings/tokens" className="text-blue-800 underline underline-offset-4">
          {t("tokens")}
        </Link>
      </Section>
    </Page>
  );
}
