import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Meta");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("description"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so Next can put this request's CSP nonce on its scripts (proxy.ts).
  await connection();
  // The language this request is in (i18n/locale.ts): the user's choice, the browser's, the school's.
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {/* The app shell and error pages are client components in an error boundary. */}
        <ClientMessages namespaces={["Shell", "Status"]}>{children}</ClientMessages>
      </body>
    </html>
  );
}
