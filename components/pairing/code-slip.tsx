"use client";
import { useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { formatDateTime } from "@/components/format";

/** What a printed slip says: enough for a family to register with nobody to ask. */
export type SlipCode = {
  code: string;
  expires_at: string;
  school: string;
  student: string;
  qr?: { svg: string; link: string };
};

/** The registration page's plain address (the QR carries it with the code filled in). */
const address = (link: string) => `${new URL(link).origin}/register`;

function Slip({ slip, timeZone }: { slip: SlipCode; timeZone: string }) {
  const expires = formatDateTime(slip.expires_at, timeZone);
  return (
    <article className="code-slip" aria-label={`Pairing code slip for ${slip.student}`}>
      <p className="text-lg font-semibold">{slip.school}</p>
      <h2 className="mt-1 text-2xl font-bold">Observer pairing code for {slip.student}</h2>
      <div className="mt-4 flex items-start gap-6">
        <div className="flex-1">
          <p className="font-mono text-5xl font-bold tracking-widest">{slip.code}</p>
          <p className="mt-2">
            Use it by <strong>{expires}</strong>. It works once.
          </p>
          <ol className="mt-4 list-decimal space-y-1 pl-5">
            <li>
              Scan the square code with a phone camera, or type this address into a web browser:{" "}
              {slip.qr && <strong className="break-all">{address(slip.qr.link)}</strong>}
            </li>
            <li>Create your parent or guardian account, or sign in if you already have one.</li>
            <li>Enter the code above when asked for a pairing code.</li>
          </ol>
          <p className="mt-3">
            You can then follow {slip.student}&apos;s courses. Keep this slip private: whoever enters the code
            can observe {slip.student}. If it has expired, ask the school for a new one.
          </p>
        </div>
        {slip.qr && (
          <div
            className="size-40 shrink-0 [&>svg]:size-full"
            dangerouslySetInnerHTML={{ __html: slip.qr.svg }}
          />
        )}
      </div>
    </article>
  );
}

const noop = () => () => {};

/**
 * Slips for printing, one per sheet: placed at the top of <body> and shown only in print, where
 * they replace the page (globals.css), so "Print" gives the family a slip, not the admin screen.
 */
export function PrintSlips({ slips, timeZone }: { slips: SlipCode[]; timeZone: string }) {
  // document exists only in the browser: render nothing on the server and during hydration.
  const mounted = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  if (!mounted || slips.length === 0) return null;
  return createPortal(
    <div className="print-slips">
      {slips.map((s, i) => (
        <Slip key={`${s.code}-${i}`} slip={s} timeZone={timeZone} />
      ))}
    </div>,
    document.body,
  );
}
