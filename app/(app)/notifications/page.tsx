import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import { listNotifications } from "@/lib/mail/notifications";
import { getFormatter, getTranslations } from "next-intl/server";
import { DATE_TIME_WITH_ZONE } from "@/components/format";
import { Page } from "@/components/ui/page";
import { markReadAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Notifications"))("title") };
}

export default async function NotificationsPage() {
  const actor = await requireActor();
  const [items, t, format] = await Promise.all([
    listNotifications(actor),
    getTranslations("Notifications"),
    getFormatter(),
  ]);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <Page
      title={t("title")}
      compact
      aside={
        unread > 0 && (
          <form action={markReadAction}>
            <button
              type="submit"
              className="rounded-md border border-slate-400 bg-white px-3 py-1 font-semibold hover:bg-slate-100"
            >
              {t("markAllRead")}
            </button>
          </form>
        )
      }
    >
      {items.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t("title")}>
          {items.map((n) => (
            <li
              key={n.id}
              className={`rounded-lg border p-4 ${n.readAt ? "border-slate-200 bg-white" : "border-blue-300 bg-blue-50"}`}
            >
              <p className="font-semibold">
                {!n.readAt && (
                  <span className="mr-2 rounded bg-blue-700 px-2 py-0.5 text-xs text-white">{t("new")}</span>
                )}
                {n.subject}
              </p>
              <p className="mt-1 text-slate-800">{n.body}</p>
              <p className="mt-1 text-sm text-slate-700">
                <time dateTime={n.createdAt.toISOString()}>
                  {/* In the viewer's zone, named (i18n/request.ts). */}
                  {format.dateTime(n.createdAt, DATE_TIME_WITH_ZONE)}
                </time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
