import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import { listAccessTokens } from "@/lib/identity/tokens";
import { formatDateTime } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RowList, RowText } from "@/components/ui/row-list";
import { Section } from "@/components/ui/section";
import { Page } from "@/components/ui/page";
import { CreateTokenForm } from "./create-token-form";
import { revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "Access tokens" };

export default async function TokensPage() {
  const actor = await requireActor();
  const { items: tokens } = await listAccessTokens(actor, { userId: actor.userId });
  return (
    <Page
      title="Access tokens"
      back={{ href: "/settings", label: "Settings" }}
      lead="Tokens let programs use the REST API as you. Treat them like passwords."
    >
      <Section id="new-token" title="New token">
        <CreateTokenForm />
      </Section>
      <Section id="tokens" title="Your tokens">
        <RowList label="Your tokens" empty="You have no active tokens." items={tokens}>
          {(t) => (
            <>
              <RowText
                title={t.purpose}
                facts={
                  <>
                    Ends in …{t.hint} · made {formatDateTime(t.created_at)} ·{" "}
                    {t.expires_at ? `expires ${formatDateTime(t.expires_at)}` : "never expires"} ·{" "}
                    {t.last_used_at ? `last used ${formatDateTime(t.last_used_at)}` : "never used"}
                  </>
                }
              />
              <ConfirmAction
                action={revokeTokenAction}
                fields={{ token_id: t.id }}
                trigger="Revoke"
                subject={`token ${t.purpose}`}
                title="Revoke this token?"
                description="Programs using it will stop working at once."
                confirm="Revoke token"
              />
            </>
          )}
        </RowList>
      </Section>
    </Page>
  );
}
