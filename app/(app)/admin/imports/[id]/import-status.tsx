"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { isRunning, resultWords, stateWords, type ImportStatus } from "../words";

const POLL_MS = 1000;

const TONES: Record<string, string> = {
  imported: "border-green-300 bg-green-50 text-green-900",
  imported_with_messages: "border-amber-300 bg-amber-50 text-amber-950",
};
const FAILED = "border-red-300 bg-red-50 text-red-900";

/**
 * The import's progress bar and outcome. While the import waits or runs it asks the server every
 * second (GET ./status, which re-checks the session); once it is over it stops and refreshes the
 * page, which then shows the errors and, for a dry run, "Run this import".
 */
export function ImportStatusPanel({ initial }: { initial: ImportStatus }) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const running = isRunning(status.workflow_state);

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    async function poll() {
      try {
        const res = await fetch(`/admin/imports/${initial.id}/status`, { cache: "no-store" });
        if (stopped) return;
        if (res.status === 401 || res.status === 404) {
          setProblem("Progress is no longer available: sign in again to see this import.");
          return;
        }
        if (res.ok) {
          const next = (await res.json()) as ImportStatus;
          if (stopped) return;
          setStatus(next);
          setProblem(null);
          if (!isRunning(next.workflow_state)) return startRefresh(() => router.refresh());
        }
      } catch {
        // A dropped connection: the next poll tries again.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, initial.id, router]);

  const words = stateWords(status.workflow_state);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <div className="flex justify-between gap-3 text-sm font-medium text-slate-800">
          <span id="import-progress-label">Progress</span>
          <span aria-hidden="true">
            {words} · {status.progress}%
          </span>
        </div>
        <div
          role="progressbar"
          aria-labelledby="import-progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={status.progress}
          aria-valuetext={`${status.progress}%, ${words.toLowerCase()}`}
          className="h-3 overflow-hidden rounded-full bg-slate-200"
        >
          <div
            className="h-full rounded-full bg-blue-700 transition-[width] duration-500 motion-reduce:transition-none"
            style={{ width: `${status.progress}%` }}
          />
        </div>
      </div>
      {/* Always present, so the outcome is announced when it arrives (not each percent). */}
      <div aria-live="polite">
        {!running && (
          <div className={`rounded-md border px-4 py-3 ${TONES[status.workflow_state] ?? FAILED}`}>
            <p className="font-semibold">{words}.</p>
            <p>{resultWords(status)}</p>
          </div>
        )}
        {refreshing && <p className="mt-2 text-sm text-slate-700">Loading the results…</p>}
        {problem && <p className="text-sm text-red-700">{problem}</p>}
      </div>
    </div>
  );
}
