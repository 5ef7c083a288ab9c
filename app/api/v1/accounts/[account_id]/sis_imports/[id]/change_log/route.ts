// GET /api/v1/accounts/:account_id/sis_imports/:id/change_log — what the import changed (ours, not Canvas's)
import { resolveAccountId } from "@/lib/accounts/accounts";
import { listSisImportChangesEndpoint } from "@/lib/api/endpoints/sis-import-changes";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { listImportChanges } from "@/lib/imports/change-log";

export const GET = apiRoute(listSisImportChangesEndpoint, async ({ req, input, path, actor }) => {
  const { items, next } = await listImportChanges(actor, {
    accountId: await resolveAccountId(path.account_id, actor),
    importId: pathId(path.id),
    ...input,
  });
  const headers = new Headers();
  if (next) {
    const url = new URL(req.url);
    url.searchParams.set("after", next);
    headers.set("Link", `<${url}>; rel="next"`);
  }
  return Response.json({ change_log: items, next }, { headers });
});
