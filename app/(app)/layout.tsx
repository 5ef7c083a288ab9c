import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/identity/session";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { getHomeSummary } from "@/lib/admin/home";
import { AppShell } from "@/components/ui/app-shell";
import { NavLinks } from "@/components/ui/nav-links";
import { TimeZoneSync } from "@/components/time-zone-sync";
import { TIME_ZONE_COOKIE } from "@/lib/platform/time-zone";
import { viewerTimeZone } from "./time-zone";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const [summary, timeZone, t] = await Promise.all([
    getHomeSummary(actor),
    viewerTimeZone(),
    getTranslations(),
  ]);
  return (
    <AppShell
      timeZoneSync={<TimeZoneSync cookie={TIME_ZONE_COOKIE} current={timeZone} />}
      header={
        <>
          <NavLinks
            menu="main"
            items={[
              { href: "/observing", text: t("Nav.observing"), show: summary.mayObserve },
              { href: "/settings", text: t("Nav.settings") },
              { href: "/courses", text: t("Nav.courses"), show: summary.hasCodeCourses || summary.isTeacher },
              { href: "/admin", text: t("Nav.admin"), show: summary.isAdmin },
              {
                href: "/notifications",
                text: (
                  <>
                    {t("Nav.notifications")}
                    {summary.unread > 0 && (
                      <span className="ml-1 rounded-full bg-blue-700 px-2 text-sm text-white">
                        {t("Nav.unread", { count: summary.unread })}
                      </span>
                    )}
                  </>
                ),
              },
            ]}
          />
          <div className="flex items-center gap-3">
            <span className="text-slate-700">
              <span className="sr-only">{t("Shell.signedInAs")} </span>
              {actor.name}
            </span>
            <form action={signOutAction}>
              <SignOutButton />
            </form>
          </div>
        </>
      }
    >
      {children}
    </AppShell>
  );
}
