import "server-only";
import qs from "qs";
import { AppError } from "../platform/errors.ts";
import { assertNoNul } from "../platform/no-nul.ts";
import { isRawUpload, readBodyLimited, rememberUploads, type Upload } from "./uploads.ts";

export type Params = Record<string, unknown>;

const QS_OPTIONS = { depth: 5, arrayLimit: 200, parameterLimit: 1000, allowDots: false } as const;

/**
 * Rails-style parameters: the query string merged with a JSON, urlencoded or multipart body,
 * bracket notation expanded (`observee[unique_id]`, `include[]=avatar_url`). Body wins over query.
 * The body is read once, here: multipart file parts and a raw file body (text/csv, zip, octet-stream)
 * are kept for the route (lib/api/uploads.ts), and past the upload limit the body is not read on.
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
      fromBody = await readMultipart(req);
    } else if (isRawUpload(type)) {
      const data = await readBodyLimited(req);
      const raw = req.headers.get("content-type") ?? "";
      rememberUploads(req, {
        files: data ? [{ field: null, name: "", type: raw, data }] : [],
        tooLarge: !data,
      });
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
  const params = { ...fromQuery, ...fromBody };
  assertNoNul(params);
  return params;
}

/** A multipart body: its text fields as parameters, its file parts remembered as uploads. */
async function readMultipart(req: Request): Promise<Params> {
  const data = await readBodyLimited(req);
  if (!data) {
    rememberUploads(req, { files: [], tooLarge: true });
    return {};
  }
  // Parsed from the bytes already read; the boundary is in the original (case-sensitive) header.
  const form = await new Response(data, {
    headers: { "content-type": req.headers.get("content-type") ?? "" },
  }).formData();
  const pairs = new URLSearchParams();
  const files: Upload[] = [];
  for (const [k, v] of form.entries()) {
    if (typeof v === "string") pairs.append(k, v);
    else files.push({ field: k, name: v.name, type: v.type, data: new Uint8Array(await v.arrayBuffer()) });
  }
  rememberUploads(req, { files, tooLarge: false });
  return qs.parse(pairs.toString(), QS_OPTIONS) as Params;
}
