import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import { getSchoolSignIn } from "@/lib/identity/sso/admin";
import { AppError } from "@/lib/platform/errors";
import { Page } from "@/components/ui/page";
import { Section } from "@/components/ui/section";
import { ProviderControls } from "./provider-controls";
import { ProviderForm } from "./provider-form";
import { StaffPasswordsForm } from "./staff-passwords-form";
import { TestResult } from "./test-result";

export const metadata: Metadata = { title: "Sign-in" };

/** Admin → Settings → Sign-in: this school's identity providers and whether staff keep passwords. */
export default async function SignInSettingsPage() {
  const actor = await requireActor();
  const setup = await getSchoolSignIn(actor, actor.domainRootAccountId).catch((err) => {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "unauthorized")) return null;
    throw err;
  });
  if (!setup)
    return (
      <Page title="Sign-in">
        <p className="text-slate-700">
          Only admins of this whole school (its root account) can change how people sign in.
        </p>
      </Page>
    );
  const { school, providers, postLogoutRedirectUri } = setup;
  return (
    <Page title={`Sign-in at ${school.name}`}>
      <Section
        id="providers"
        title="Sign-in providers"
        description="OpenID Connect providers (Google Workspace, Microsoft Entra ID, Clever…). Every change is recorded in the audit log."
      >
        {providers.length === 0 ? (
          <p className="text-slate-700">
            No sign-in providers yet: everyone signs in with a password. Add one below.
          </p>
        ) : (
          <ul className="flex flex-col gap-6">
            {providers.map((p) => (
              <li
                key={p.id}
                id={`provider-${p.id}`}
                className="flex flex-col gap-3 border-b border-slate-200 pb-6"
              >
                <h3 className="text-lg font-semibold">{p.name}</h3>
                <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="font-medium">Status</dt>
                  <dd>{p.enabled ? "On" : "Off"}</dd>
                  <dt className="font-medium">For</dt>
                  <dd>{p.forParents ? "Parents and guardians" : "Students and staff"}</dd>
                  <dt className="font-medium">Issuer</dt>
                  <dd className="break-all">{p.issuer}</dd>
                  <dt className="font-medium">Client ID</dt>
                  <dd className="break-all">{p.clientId}</dd>
                  <dt className="font-medium">Claim</dt>
                  <dd>{p.claim}</dd>
                  <dt className="font-medium">Redirect URI</dt>
                  <dd className="break-all font-mono">{p.redirectUri}</dd>
                  <dt className="font-medium">Sign-out return URI</dt>
                  <dd className="break-all font-mono">{postLogoutRedirectUri}</dd>
                </dl>
                <TestResult result={p.lastTest} testedAt={p.testedAt} />
                <ProviderControls id={p.id} name={p.name} enabled={p.enabled} />
                <details>
                  <summary className="cursor-pointer text-blue-800 underline underline-offset-4">
                    Edit {p.name}
                  </summary>
                  <div className="mt-3">
                    <ProviderForm provider={p} />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section
        id="add-provider"
        title="Add a provider"
        description="It is added switched off; switch it on after a test sign-in succeeds."
      >
        <ProviderForm />
      </Section>
      <Section
        id="passwords"
        title="Passwords for students and staff"
        description="Parents and guardians, and admins of the whole school, always keep their passwords."
      >
        <StaffPasswordsForm allowed={school.staffPasswordSignIn} />
      </Section>
    </Page>
  );
}
