"use client";
import { useState } from "react";

/** Copies a value; the result is announced politely. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<null | boolean>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
        className="rounded-md border border-slate-400 bg-white px-3 py-1 text-sm font-semibold hover:bg-slate-100"
      >
        {label}
      </button>
      <span aria-live="polite" className="text-sm text-slate-700">
        {copied === true
          ? "Copied."
          : copied === false
            ? "Could not copy: select the code and copy it yourself."
            : ""}
      </span>
    </span>
  );
}
