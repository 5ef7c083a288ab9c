import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import { listEditableAccounts } from "@/lib/accounts/settings";
import { Section } from "@/components/ui/section";
import { Page } from "@/components/ui/page";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountSettingsPage() {
  const actor = await requireActor();
  const accounts = await listEditableAccounts(actor);
  return (
    <Page title="Account settings">
      {accounts.length === 0 && (
        <p className="text-slate-700">
          Only admins of a whole institution (a root account) can change these settings.
        </p>
      )}
      {accounts.map((a) => (
        <Section
          key={a.id}
          id={`account-${a.id}`}
          title={a.name}
          description="Every change is recorded in the audit log."
        >
          <SettingsForm account={a} />
        </Section>
      ))}
    </Page>
  );
}
