import "server-only";
import { lastPage, type PageRequest } from "../platform/pagination.ts";

/**
 * How much of the request's query a Link URL repeats, percent-encoded. A list's filters are short;
 * a longer query is junk a client sent, and echoing it into five URLs made a header too large for
 * HTTP clients (Node refuses over 16 KB: found by tests/adversarial/fuzz.test.ts).
 */
const MAX_ECHOED_QUERY = 1500;

/** The request's parameters a Link URL carries: in order, each only while the total stays short. */
function echoedParams(url: URL): URLSearchParams {
  const kept = new URLSearchParams();
  let length = 0;
  for (const [name, value] of url.searchParams) {
    const size = new URLSearchParams([[name, value]]).toString().length + 1;
    const paging = name === "page" || name === "per_page";
    if (!paging && length + size > MAX_ECHOED_QUERY) continue;
    kept.append(name, paging ? "" : value);
    if (!paging) length += size;
  }
  return kept;
}

/** A page of results with Canvas's RFC 5988 Link header (current, next, prev, first, last). */
export function paginatedJson(req: Request, items: unknown[], total: number, page: PageRequest): Response {
  const url = new URL(req.url);
  const params = echoedParams(url);
  const link = (n: number, rel: string) => {
    const u = new URL(url.pathname, url.origin);
    const p = new URLSearchParams(params);
    p.set("page", String(n));
    p.set("per_page", String(page.perPage));
    u.search = p.toString();
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const last = lastPage(total, page.perPage);
  const parts = [link(page.page, "current")];
  if (page.page < last) parts.push(link(page.page + 1, "next"));
  if (page.page > 1) parts.push(link(Math.min(page.page - 1, last), "prev"));
  parts.push(link(1, "first"), link(last, "last"));
  return Response.json(items, { headers: { Link: parts.join(",") } });
}
