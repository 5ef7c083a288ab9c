import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * The app's frame: the skip link, the header (the app's name, linking home, then `header`: the
 * menus and who is signed in) and the main landmark. The signed-in layout and the pages outside
 * it (the root 404 and error pages) share it, so a dead end still looks like the app.
 */
export function AppShell({
  header,
  timeZoneSync,
  children,
}: {
  header?: React.ReactNode;
  /** The signed-in layout's client part that keeps the viewer's time zone cookie current. */
  timeZoneSync?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useTranslations("Shell");
  return (
    <div className="min-h-screen">
      {timeZoneSync}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-blue-900">
            {t("appName")}
          </Link>
          {header}
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
