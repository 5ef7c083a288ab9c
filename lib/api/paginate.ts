import "server-only";
import { lastPage, type PageRequest } from "../pagination.ts";

/** A page of results with Canvas's RFC 5988 Link header (current, next, prev, first, last). */
export function paginatedJson(req: Request, items: unknown[], total: number, page: PageRequest): Response {
  const url = new URL(req.url);
  const link = (n: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set("page", String(n));
    u.searchParams.set("per_page", String(page.perPage));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const last = lastPage(total, page.perPage);
  const parts = [link(page.page, "current")];
  if (page.page < last) parts.push(link(page.page + 1, "next"));
  if (page.page > 1) parts.push(link(Math.min(page.page - 1, last), "prev"));
  parts.push(link(1, "first"), link(last, "last"));
  return Response.json(items, { headers: { Link: parts.join(",") } });
}
