import { TableScroll } from "./table-scroll";

export type Column<T> = { header: string; cell: (row: T) => React.ReactNode; className?: string };

// On a phone a stacked table's rows become cards: cells stack and name themselves (data-label).
const STACKED_CELL =
  "px-3 py-2 align-top max-sm:flex max-sm:gap-2 max-sm:py-0.5 max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:font-semibold max-sm:before:content-[attr(data-label)]";

export type DataTableProps<T> = {
  /** The scrolling region's name. */
  label: string;
  caption?: string;
  columns: Column<T>[];
  rows: T[];
  /** On a phone each row becomes a card. */
  stacked?: boolean;
  className?: string;
};

/** A table drawn from its columns: one header each, and each row's cell from the column's `cell`. */
export function DataTable<T extends { id: number | string }>({
  label,
  caption,
  columns,
  rows,
  stacked,
  className,
}: DataTableProps<T>) {
  const cell = stacked ? STACKED_CELL : "px-3 py-2";
  return (
    <TableScroll label={label} className={className}>
      <table className="w-full text-left text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className={`bg-slate-100 ${stacked ? "max-sm:sr-only" : ""}`}>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={cell}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-200 ${stacked ? "max-sm:block" : ""}`}>
          {rows.map((row) => (
            <tr key={row.id} className={stacked ? "max-sm:block max-sm:py-2" : undefined}>
              {columns.map((c) => (
                <td
                  key={c.header}
                  data-label={stacked ? c.header : undefined}
                  className={`${cell} ${c.className ?? ""}`}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
