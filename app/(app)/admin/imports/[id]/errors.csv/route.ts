// GET /admin/imports/:id/errors.csv — the import's error report, as Canvas's errors attachment
// (sis_import_id,file,message,row); session-authenticated, root-account admins only.
import { notFound } from "@/lib/platform/errors";
import { parseId } from "@/lib/platform/ids";
import { sisImportErrorsCsv } from "@/lib/imports/imports";
import { csvResponse, sessionRoute } from "../../../../session-route";
import { findImport } from "../../lookup";

export const GET = sessionRoute(async (actor, _req, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const found = id === null ? null : await findImport(actor, id);
  if (!found) throw notFound();
  const csv = await sisImportErrorsCsv(actor, { accountId: found.accountId, importId: found.imp.id });
  return csvResponse(`sis_errors_attachment_${found.imp.id}.csv`, csv);
});
