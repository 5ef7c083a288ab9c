import Link from "next/link";

/**
 * A signed-in page: its one h1 (under a back link, beside an action, over a lead paragraph), then
 * its content. `compact`: less room between blocks, for pages that are one list.
 */
export function Page({
  title,
  back,
  aside,
  lead,
  compact,
  children,
}: {
  title: React.ReactNode;
  back?: { href: string; label: string };
  aside?: React.ReactNode;
  lead?: React.ReactNode;
  compact?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className={`flex flex-col ${compact ? "gap-4" : "gap-6"}`}>
      <div>
        {back && (
          <Link href={back.href} className="text-sm text-blue-800 underline underline-offset-4">
            ← {back.label}
          </Link>
        )}
        <div
          className={`flex flex-wrap items-baseline justify-between gap-x-3 gap-y-2 ${back ? "mt-2" : ""}`}
        >
          <h1 className="text-3xl font-bold">{title}</h1>
          {aside}
        </div>
        {lead && <p className="mt-1 text-slate-700">{lead}</p>}
      </div>
      {children}
    </div>
  );
}
