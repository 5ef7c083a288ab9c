import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDomainRootAccount } from "@/lib/accounts/accounts";
import { getActor } from "@/lib/identity/session";
import { ssoButtons } from "@/lib/identity/sso";
import { LoginForm } from "./login-form";
import { landingAfterSignIn } from "./next-path";
import { ssoSignInAction } from "./sso-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Meta"))("signIn") };
}

/**
 * The school's discovery page: its identity providers first (students and staff), then email and
 * password (parents and guardians). `?provider=<id>` goes straight to one provider.
 */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; code?: string; provider?: string }>;
}) {
  const { next, code: rawCode, provider } = await searchParams;
  const code = rawCode?.trim().slice(0, 64) || undefined;
  // Signed in already: a code goes to the one-step "Add this student?" of the registration page.
  if (await getActor()) redirect(code ? `/register?code=${encodeURIComponent(code)}` : "/");
  const landing = landingAfterSignIn(next, code);
  if (provider) redirect(`/login/sso/${encodeURIComponent(provider)}?next=${encodeURIComponent(landing)}`);
  const school = await getDomainRootAccount((await headers()).get("host")).catch(() => null);
  const t = await getTranslations("Login");
  // A parent arriving with a pairing code is not offered the students' and staff's providers:
  // parents sign in with email, or with a provider the school opened to parents.
  const all = school ? await ssoButtons(school.id) : [];
  const buttons = code ? [] : all.filter((b) => !b.forParents);
  const parentButtons = all.filter((b) => b.forParents);
  const ssoForm = (b: { id: number; name: string }) => (
    <form key={b.id} action={ssoSignInAction} className="flex flex-col">
      <input type="hidden" name="provider" value={b.id} />
      <input type="hidden" name="next" value={landing} />
      <SubmitButton pendingText={t("goingToProvider")}>{b.name}</SubmitButton>
    </form>
  );
  return (
    <AuthPage
      title={school ? t("titleAt", { school: school.name }) : t("title")}
      lead={code ? t("leadWithCode") : t("lead")}
      footer={{
        question: t("question"),
        href: code ? `/register?code=${encodeURIComponent(code)}` : "/register",
        link: t("createAccount"),
      }}
      switcher={<LanguageSwitcher />}
    >
      {buttons.length > 0 && (
        <section aria-labelledby="sso-heading" className="flex flex-col gap-3">
          <h2 id="sso-heading" className="text-lg font-semibold">
            {t("studentsAndStaff")}
          </h2>
          {buttons.map(ssoForm)}
        </section>
      )}
      <FormCard>
        {(buttons.length > 0 || parentButtons.length > 0) && (
          <h2 className="mb-3 text-lg font-semibold">
            {parentButtons.length > 0 ? t("parents") : t("parentsWithEmail")}
          </h2>
        )}
        {parentButtons.length > 0 && (
          <div className="mb-4 flex flex-col gap-3">{parentButtons.map(ssoForm)}</div>
        )}
        <ClientMessages namespaces={["Login"]}>
          <LoginForm next={next} code={code} />
        </ClientMessages>
        <p className="mt-4 text-sm">
          <Link href="/forgot-password" className="text-blue-800 underline underline-offset-4">
            {t("forgotPassword")}
          </Link>
        </p>
      </FormCard>
    </AuthPage>
  );
}
