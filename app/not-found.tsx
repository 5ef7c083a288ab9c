import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/ui/app-shell";
import { NotFoundPanel } from "@/components/ui/status-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Meta"))("notFound") };
}

export default function NotFound() {
  return (
    <AppShell>
      <NotFoundPanel />
    </AppShell>
  );
}
