import { notFound } from "next/navigation";
import { toAppError } from "@/lib/platform/errors";
import { parseId } from "@/lib/platform/ids";

/** A positive integer id from a route segment, or the 404 page. */
export function idOr404(raw: string): number {
  const id = parseId(raw);
  if (id === null) notFound();
  return id;
}

/** Awaits a lib/ lookup; its "not found" (which is also what an unauthorized actor gets) becomes the 404 page. */
export async function or404<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (toAppError(err)?.code === "not_found") notFound();
    throw err;
  }
}

/**
 * A list page's search text from its address (`?q=`), at most 100 characters, without control
 * characters (nobody types them into a search box, and a NUL reaching PostgreSQL was a 500).
 */
export function searchTerm(raw: unknown): string {
  return typeof raw === "string"
    ? raw
        .replace(/[\u0000-\u001F\u007F]+/g, " ")
        .trim()
        .slice(0, 100)
    : "";
}

/** The address of a page of a filtered list: the filters that are set, and the page number. */
export function listHref(path: string, filters: Record<string, string | undefined>, page: number): string {
  const set = Object.entries(filters).filter((e): e is [string, string] => !!e[1]);
  return `${path}?${new URLSearchParams([...set, ["page", String(page)]])}`;
}

/** A filtered list's count in words: "3 students match “kim”.", "No students match “kim”.", or `empty`. */
export function listSummary(total: number, [one, many]: [string, string], filters: string, empty: string) {
  if (total === 0) return filters ? `No ${many} ${filters}.` : empty;
  return `${total} ${total === 1 ? one : many}${filters ? ` ${filters}` : ""}.`;
}

/** The words for a search term in listSummary. */
export const matching = (q: string) => (q ? `match “${q}”` : "");
