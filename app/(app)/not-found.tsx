import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/ui/status-page";

export const metadata: Metadata = { title: "Page not found" };

// A 404 inside the signed-in pages keeps their header and menu, so the way on is in sight.
export default function NotFound() {
  return <NotFoundPanel />;
}
