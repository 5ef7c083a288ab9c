import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotFoundPanel } from "@/components/ui/status-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Meta"))("notFound") };
}

// A 404 inside the signed-in pages keeps their header and menu, so the way on is in sight.
export default function NotFound() {
  return <NotFoundPanel />;
}
