import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * The catalog namespaces a client component reads, and only those: the rest of the catalog stays
 * on the server (each namespace sent is weight on every page that renders it).
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly string[];
  children: React.ReactNode;
}) {
  const all = (await getMessages()) as Record<string, unknown>;
  const messages = Object.fromEntries(
    ["Forms", ...namespaces].filter((n) => n in all).map((n) => [n, all[n]]),
  ) as Awaited<ReturnType<typeof getMessages>>;
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
