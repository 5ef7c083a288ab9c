"use client";
import { BareShell } from "@/components/ui/status-page";
import { ErrorPanel } from "@/components/ui/error-panel";

// When the signed-in layout itself failed (or a sign-in page did): the bare header instead.
export default function Error(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <BareShell>
      <ErrorPanel {...props} />
    </BareShell>
  );
}
