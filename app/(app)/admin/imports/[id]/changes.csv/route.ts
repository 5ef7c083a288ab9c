// GET /admin/imports/:id/changes.csv — the import's change log (links created, restored and removed,
// accounts made, emails queued, with the file and row of each), streamed; session-authenticated,
// root-account admins only.
import { notFound } from "@/lib/platform/errors";
import { parseId } from "@/lib/platform/ids";
import { importChangesCsv } from "@/lib/imports/change-log";
import { csvStreamResponse, sessionRoute } from "../../../../session-route";
import { findImport } from "../../lookup";

export const GET = sessionRoute(async (actor, _req, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const found = id === null ? null : await findImport(actor, id);
  if (!found) throw notFound();
  const parts = await importChangesCsv(actor, { accountId: found.accountId, importId: found.imp.id });
  return csvStreamResponse(`sis_change_log_${found.imp.id}.csv`, parts);
});
