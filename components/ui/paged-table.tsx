import type { PageRequest } from "@/lib/platform/pagination";
import { DataTable, type DataTableProps } from "./data-table";
import { Pagination } from "./pagination";

/** One page of a searchable list: how many matched, the table (when any), links to the other pages. */
export function PagedTable<T extends { id: number | string }>({
  summary,
  pages,
  ...table
}: DataTableProps<T> & {
  summary: string;
  pages: { label: string; page: PageRequest; total: number; href: (page: number) => string };
}) {
  return (
    <>
      <p className="text-sm text-slate-700" aria-live="polite">
        {summary}
      </p>
      {table.rows.length > 0 && (
        <DataTable {...table} className="rounded-lg border border-slate-200 bg-white" />
      )}
      <Pagination {...pages} />
    </>
  );
}
