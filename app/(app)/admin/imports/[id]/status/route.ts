// GET /admin/imports/:id/status — an import's progress and counts, for its page's poller
// (session-authenticated, root-account admins only; another school's import is not found).
import { notFound } from "@/lib/platform/errors";
import { parseId } from "@/lib/platform/ids";
import { sessionRoute } from "../../../../session-route";
import { findImport } from "../../lookup";
import { toImportStatus } from "../../words";

export const GET = sessionRoute(async (actor, _req, { params }: { params: Promise<{ id: string }> }) => {
  const id = parseId((await params).id);
  const found = id === null ? null : await findImport(actor, id);
  if (!found) throw notFound();
  return Response.json(toImportStatus(found.imp), { headers: { "Cache-Control": "no-store" } });
});
