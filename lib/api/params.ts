import "server-only";
import qs from "qs";
import { AppError } from "../errors.ts";

export type Params = Record<string, unknown>;

const QS_OPTIONS = { depth: 5, arrayLimit: 200, parameterLimit: 1000, allowDots: false } as const;

/**
 * Rails-style parameters: the query string merged with a JSON, urlencoded or multipart body,
 * bracket notation expanded (`observee[unique_id]`, `include[]=avatar_url`). Body wins over query.
 */
export async function readParams(req: Request): Promise<Params> {
  const url = new URL(req.url);
  const fromQuery = qs.parse(url.search.replace(/^\?/, ""), QS_OPTIONS) as Params;
  if (req.method === "GET" || req.method === "HEAD") return fromQuery;
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let fromBody: Params = {};
  try {
    if (type.includes("application/json")) {
      const text = await req.text();
      if (text.trim()) {
        const parsed: unknown = JSON.parse(text);
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
        fromBody = parsed as Params;
      }
    } else if (type.includes("application/x-www-form-urlencoded")) {
      fromBody = qs.parse(await req.text(), QS_OPTIONS) as Params;
    } else if (type.includes("multipart/form-data")) {
      const form = await req.formData();
      const pairs = new URLSearchParams();
      for (const [k, v] of form.entries()) if (typeof v === "string") pairs.append(k, v);
      fromBody = qs.parse(pairs.toString(), QS_OPTIONS) as Params;
    } else {
      const text = await req.text();
      if (text.trim()) fromBody = qs.parse(text, QS_OPTIONS) as Params;
    }
  } catch {
    throw new AppError(
      "bad_request",
      "The request body could not be parsed: send JSON, form-urlencoded or multipart data.",
    );
  }
  return { ...fromQuery, ...fromBody };
}
