import { formatDateTime } from "@/components/format";
import type { SlipCode } from "./code-slip";
import { CopyButton } from "./copy-button";
import { Countdown } from "./countdown";

export type ShownCode = SlipCode & { id: number };

/**
 * A freshly generated code: large, copyable, with its expiry (in the page's zone, like every time
 * on the page) and the QR that opens parent registration.
 */
export function CodeCard({
  code,
  forName,
  timeZone,
}: {
  code: ShownCode;
  forName?: string;
  timeZone: string;
}) {
  return (
    <div
      role="status"
      className="code-card flex flex-col gap-4 rounded-lg border border-blue-200 bg-blue-50 p-4 sm:flex-row sm:items-start"
    >
      <div className="flex flex-col gap-2">
        <p className="text-sm text-slate-700">
          {forName ? `Pairing code for ${forName}:` : "Give this pairing code to your parent or guardian:"}
        </p>
        <p className="font-mono text-4xl font-bold tracking-widest sm:text-5xl" aria-label="Pairing code">
          {code.code}
        </p>
        <div className="print:hidden">
          <CopyButton value={code.code} label="Copy code" />
        </div>
        <p className="text-sm text-slate-700">
          It works once and expires{" "}
          <time dateTime={code.expires_at}>{formatDateTime(code.expires_at, timeZone)}</time>{" "}
          <Countdown until={code.expires_at} />.
        </p>
      </div>
      {code.qr && (
        <figure className="flex flex-col items-center gap-1">
          <div
            role="img"
            aria-label="QR code that opens the parent registration page with this code filled in"
            className="size-44 [&>svg]:size-full"
            dangerouslySetInnerHTML={{ __html: code.qr.svg }}
          />
          <figcaption className="max-w-44 text-center text-xs text-slate-700">
            Scan with a phone camera to register as a parent with this code, or share the{" "}
            <a href={code.qr.link} className="text-blue-800 underline">
              registration link
            </a>
            .
          </figcaption>
        </figure>
      )}
    </div>
  );
}
