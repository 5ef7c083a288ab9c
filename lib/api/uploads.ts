import "server-only";
// Files sent to the API: multipart file parts, or a raw body (Canvas's `curl -H 'Content-Type:
// text/csv' --data-binary @users.csv`). readParams reads a request's body once; what it finds
// that is not a parameter is kept here for the route to pick up with requestUploads(req).
import { AppError } from "../platform/errors.ts";

/** Past this a body is not read further and the route answers 413. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export type Upload = {
  /** The multipart field's name; null for a raw body. */
  field: string | null;
  /** The part's filename; "" for a raw body. */
  name: string;
  /** The part's or the request's Content-Type, as sent. */
  type: string;
  data: Uint8Array;
};

export type RequestUploads = { files: Upload[]; tooLarge: boolean };

/** Bodies that are a file, not parameters (Canvas's raw SIS import types). text/plain stays a form. */
const RAW_TYPES = [
  "text/csv",
  "application/csv",
  "application/zip",
  "application/x-zip-compressed",
  "application/octet-stream",
];

export const mediaType = (contentType: string) => contentType.split(";")[0].trim().toLowerCase();

export const isRawUpload = (contentType: string) => RAW_TYPES.includes(mediaType(contentType));

const found = new WeakMap<Request, RequestUploads>();

export function rememberUploads(req: Request, uploads: RequestUploads) {
  found.set(req, uploads);
}

/** The files readParams found in the request (none when it has not run or there were none). */
export function requestUploads(req: Request): RequestUploads {
  return found.get(req) ?? { files: [], tooLarge: false };
}

/**
 * The body, or null when it is over `limit` bytes: refused by its Content-Length before reading,
 * or by counting as it streams (a chunked body declares none). Reading stops at the limit.
 */
export async function readBodyLimited(
  req: Request,
  limit = MAX_UPLOAD_BYTES,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The 413 error (lib/platform/errors.ts maps too_large to it, in Canvas's error shape). */
export function uploadTooLarge(limit = MAX_UPLOAD_BYTES): AppError {
  const mb = Math.round(limit / (1024 * 1024));
  return new AppError("too_large", `The upload is too large: send at most ${mb} MB (zip the CSV files).`);
}
