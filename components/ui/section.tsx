/** A titled card; the heading names the region for screen-reader navigation. */
export function Section({
  id,
  title,
  children,
  description,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        {title}
      </h2>
      {description && <div className="mt-1 text-slate-700">{description}</div>}
      <div className="mt-4">{children}</div>
    </section>
  );
}
