"use client";
import { AppShell } from "@/components/ui/app-shell";
import { ErrorPanel } from "@/components/ui/error-panel";

// When the signed-in layout itself failed (or a sign-in page did): the bare header instead.
export default function Error(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <AppShell>
      <ErrorPanel {...props} />
    </AppShell>
  );
}
