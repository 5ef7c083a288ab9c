import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthPage, FormCard } from "@/components/ui/auth-page";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDomainRootAccount } from "@/lib/accounts/accounts";
import { getActor } from "@/lib/identity/session";
import { ssoButtons } from "@/lib/identity/sso";
import { LoginForm } from "./login-form";
import { landingAfterSignIn } from "./next-path";
import { ssoSignInAction } from "./sso-actions";

export const metadata: Metadata = { title: "Sign in" };

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
  // A parent arriving with a pairing code is not offered the students' and staff's providers:
  // parents sign in with email, or with a provider the school opened to parents.
  const all = school ? await ssoButtons(school.id) : [];
  const buttons = code ? [] : all.filter((b) => !b.forParents);
  const parentButtons = all.filter((b) => b.forParents);
  const ssoForm = (b: { id: number; name: string }) => (
    <form key={b.id} action={ssoSignInAction} className="flex flex-col">
      <input type="hidden" name="provider" value={b.id} />
      <input type="hidden" name="next" value={landing} />
      <SubmitButton pendingText="Going to your sign-in…">{b.name}</SubmitButton>
    </form>
  );
  return (
    <AuthPage
      title={school ? `Sign in to ${school.name}` : "Sign in"}
      lead={
        code
          ? "Sign in to your parent account: the student whose pairing code you have is added as soon as you are in."
          : "Students, parents and school staff sign in here."
      }
      footer={{
        question: "A parent or guardian with a pairing code?",
        href: code ? `/register?code=${encodeURIComponent(code)}` : "/register",
        link: "Create an account",
      }}
    >
      {buttons.length > 0 && (
        <section aria-labelledby="sso-heading" className="flex flex-col gap-3">
          <h2 id="sso-heading" className="text-lg font-semibold">
            Students and staff
          </h2>
          {buttons.map(ssoForm)}
        </section>
      )}
      <FormCard>
        {(buttons.length > 0 || parentButtons.length > 0) && (
          <h2 className="mb-3 text-lg font-semibold">
            {parentButtons.length > 0 ? "Parents and guardians" : "Parents and guardians: sign in with email"}
          </h2>
        )}
        {parentButtons.length > 0 && (
          <div className="mb-4 flex flex-col gap-3">{parentButtons.map(ssoForm)}</div>
        )}
        <LoginForm next={next} code={code} />
        <p className="mt-4 text-sm">
          <Link href="/forgot-password" className="text-blue-800 underline underline-offset-4">
            Forgot password?
          </Link>
        </p>
      </FormCard>
    </AuthPage>
  );
}
