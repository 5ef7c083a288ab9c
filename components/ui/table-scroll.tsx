/** A table wrapper that may scroll sideways on a phone; focusable so keyboard users can scroll it too. */
export function TableScroll({
  label,
  children,
  className,
}: {
  label: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className ?? ""}`}>
      {children}
    </div>
  );
}
