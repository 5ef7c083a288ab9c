// Canvas pagination: `page` (1-based) and `per_page` (default 10, clamped to 1..100).
export type PageRequest = { page: number; perPage: number; offset: number };

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;

function toInt(v: unknown): number | null {
  const n =
    typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

export function pageRequest(params: { page?: unknown; per_page?: unknown }): PageRequest {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, toInt(params.per_page) ?? DEFAULT_PER_PAGE));
  const page = Math.max(1, toInt(params.page) ?? 1);
  return { page, perPage, offset: (page - 1) * perPage };
}

export function lastPage(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/**
 * A page of rows and the list's total. A first page that is not full is the whole list, so the
 * count query (and a transaction around both) is skipped — the common case for small lists.
 */
export async function pageWithTotal<T>(
  page: PageRequest,
  rows: (range: { skip: number; take: number }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<{ rows: T[]; total: number }> {
  const found = await rows({ skip: page.offset, take: page.perPage });
  const total = page.offset === 0 && found.length < page.perPage ? found.length : await count();
  return { rows: found, total };
}

/** A page of a list already read and sorted in full (see lib/platform/natural-sort.ts), and its length. */
export function pageOfList<T>(list: T[], page: PageRequest): { rows: T[]; total: number } {
  return { rows: list.slice(page.offset, page.offset + page.perPage), total: list.length };
}
