import "server-only";
// The SIS Imports API's side of a request: the uploaded files as lib/imports takes them, and
// Canvas's lists wrapped in an object (`{"sis_imports": […]}`) with the usual Link header.
import { AppError } from "../platform/errors.ts";
import type { ImportFile } from "../imports/stage.ts";
import type { PageRequest } from "../platform/pagination.ts";
import { paginatedJson } from "./paginate.ts";
import { mediaType, requestUploads, uploadTooLarge } from "./uploads.ts";

/** `attachment`, as Canvas names the part; `attachment[]` and `attachments[]` for several. */
const ATTACHMENT = /^attachments?(\[\d*\])?$/;

/** A raw body's format when no `extension` is sent: Canvas falls back to zip. */
const EXTENSION_OF: Record<string, string> = { "text/csv": "csv", "application/csv": "csv" };

/**
 * The files to import: the multipart `attachment` parts, or the raw body named `sis_import.<ext>`.
 * None is an empty list (createSisImport answers 400 once it has authorized the caller); a body
 * over the limit throws the 413 error.
 */
export function sisImportFiles(req: Request, extension?: string): ImportFile[] {
  const { files, tooLarge } = requestUploads(req);
  if (tooLarge) throw uploadTooLarge();
  const raw = files.find((f) => f.field === null);
  if (raw) {
    const charset = /;\s*charset="?([^";]+)/i.exec(raw.type)?.[1];
    // Canvas refuses these too: the CSV reader takes UTF-8 only.
    if (charset && !/^utf-?8$/i.test(charset))
      throw new AppError("bad_request", "Invalid content type, UTF-8 required");
    const ext = extension ?? EXTENSION_OF[mediaType(raw.type)] ?? "zip";
    return [{ name: `sis_import.${ext}`, data: raw.data }];
  }
  return files
    .filter((f) => f.field !== null && ATTACHMENT.test(f.field))
    .map((f) => ({ name: f.name || "attachment.csv", data: f.data }));
}

/** A page of `items` under `key`, with the Link header every list endpoint sends. */
export function keyedPage(
  req: Request,
  key: string,
  items: unknown[],
  total: number,
  page: PageRequest,
): Response {
  const link = paginatedJson(req, items, total, page).headers.get("Link") ?? "";
  return Response.json({ [key]: items }, { headers: { Link: link } });
}
