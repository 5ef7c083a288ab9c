"use client";
import { StatusPage } from "./status-page";

/** An error boundary's page: try again, go home, and a reference the help desk can look up in the logs. */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      kicker="Error"
      title="Something went wrong"
      actions={
        <button
          type="button"
          onClick={reset}
          className="rounded-md border border-slate-400 px-4 py-2 font-semibold text-blue-800 hover:bg-slate-100"
        >
          Try again
        </button>
      }
    >
      <p>The page could not be shown.</p>
      <p>Try again in a moment. If it keeps happening, tell your school&apos;s help desk.</p>
      {error.digest && (
        <p>
          Reference for the help desk: <code className="rounded bg-slate-100 px-1">{error.digest}</code>
        </p>
      )}
    </StatusPage>
  );
}
