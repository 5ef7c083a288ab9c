"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

// Inside the signed-in layout: the header and menu stay, so the person can go elsewhere.
export default function Error(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel {...props} />;
}
