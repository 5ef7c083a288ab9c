import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/identity/session";
import { listOutbox } from "@/lib/mail/outbox";
import { or404 } from "../../page-helpers";
import { formatDateTime } from "@/components/format";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Outbox" };

// A development aid: without SMTP_URL, mail waits in the database and is read here. With SMTP
// configured the page is gone. listOutbox lets root-account admins only, each to their schools' mail.
// Password-setup emails show a placeholder: their links exist only as they are sent (see
// lib/identity/password-setup.ts); an admin hands one over with "New setup link" on the user's page.
export default async function OutboxPage() {
  const actor = await requireActor();
  if (process.env.SMTP_URL) notFound();
  const mails = await or404(listOutbox(actor, { limit: 50 }));
  return (
    <Page
      title="Outbox"
      compact
      lead="No SMTP server is configured (set SMTP_URL to send mail), so emails stay here. Newest first, at most 50. Password-setup links are never kept: to give someone one, open them under Users and choose “New setup link”."
    >
      {mails.length === 0 ? (
        <p className="text-slate-700">No emails yet.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Emails">
          {mails.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 wrap-anywhere">
              <p className="font-semibold">{m.subject}</p>
              <p className="text-sm text-slate-700">
                To {m.to} · {formatDateTime(m.createdAt)} ·{" "}
                {m.sentAt
                  ? "sent"
                  : m.error
                    ? `failed ${m.attempts} time${m.attempts === 1 ? "" : "s"}: ${m.error}`
                    : "not sent"}
              </p>
              <pre className="mt-2 font-sans text-sm whitespace-pre-wrap">{m.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
