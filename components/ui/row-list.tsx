/**
 * A named list of records, each row its details with its actions beside them, or a line saying
 * there are none. `roomy`: taller rows, aligned at the top, for details that run over lines.
 */
export function RowList<T>({
  label,
  empty,
  items,
  rowKey = (item) => (item as { id: React.Key }).id,
  roomy,
  children,
}: {
  label: string;
  empty: React.ReactNode;
  items: T[];
  /** Default: the item's `id`. */
  rowKey?: (item: T) => React.Key;
  roomy?: boolean;
  children: (item: T, index: number) => React.ReactNode;
}) {
  if (items.length === 0) return <p className="text-slate-700">{empty}</p>;
  const row = roomy ? "items-start gap-3 py-4" : "items-center gap-2 py-3";
  return (
    <ul className="divide-y divide-slate-200" aria-label={label}>
      {items.map((item, i) => (
        <li key={rowKey(item)} className={`flex flex-wrap justify-between ${row}`}>
          {children(item, i)}
        </li>
      ))}
    </ul>
  );
}

/** A row's details: its name in bold over a line of facts about it. */
export function RowText({ title, facts }: { title: React.ReactNode; facts: React.ReactNode }) {
  return (
    <div>
      <p className="font-semibold">{title}</p>
      <p className="text-sm text-slate-700">{facts}</p>
    </div>
  );
}
