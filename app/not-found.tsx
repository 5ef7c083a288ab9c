import type { Metadata } from "next";
import { BareShell, NotFoundPanel } from "@/components/ui/status-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <BareShell>
      <NotFoundPanel />
    </BareShell>
  );
}
