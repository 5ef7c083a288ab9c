import Link from "next/link";
import { requireActor } from "@/lib/session";
import { getHomeSummary } from "@/lib/home";
import { NavLinks } from "@/components/ui/nav-links";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const summary = await getHomeSummary(actor);
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-blue-900">
            Observer Pairing
          </Link>
          <NavLinks
            menu="main"
            items={[
              { href: "/observing", text: "Observing", show: summary.mayObserve },
              { href: "/settings", text: "Settings" },
              { href: "/courses", text: "Courses", show: summary.hasCodeCourses },
              { href: "/admin", text: "Admin", show: summary.isAdmin },
              {
                href: "/notifications",
                text: (
                  <>
                    Notifications
                    {summary.unread > 0 && (
                      <span className="ml-1 rounded-full bg-blue-700 px-2 text-sm text-white">
                        {summary.unread} new
                      </span>
                    )}
                  </>
                ),
              },
            ]}
          />
          <div className="flex items-center gap-3">
            <span className="text-slate-700">
              <span className="sr-only">Signed in as </span>
              {actor.name}
            </span>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
