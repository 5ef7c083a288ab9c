import type { Metadata } from "next";
import { AppShell } from "@/components/ui/app-shell";
import { NotFoundPanel } from "@/components/ui/status-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <AppShell>
      <NotFoundPanel />
    </AppShell>
  );
}
