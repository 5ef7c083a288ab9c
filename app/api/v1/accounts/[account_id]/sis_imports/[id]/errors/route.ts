// GET /api/v1/accounts/:account_id/sis_imports/:id/errors — the import's messages, as {"sis_import_errors": […]}
import { resolveAccountId } from "@/lib/accounts/accounts";
import { listSisImportErrorsEndpoint } from "@/lib/api/endpoints/sis-imports";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { keyedPage } from "@/lib/api/sis-imports";
import { listSisImportErrors } from "@/lib/imports/imports";
import { pageRequest } from "@/lib/platform/pagination";

export const GET = apiRoute(listSisImportErrorsEndpoint, async ({ req, input, path, actor }) => {
  const page = pageRequest(input);
  const { items, total } = await listSisImportErrors(actor, {
    accountId: await resolveAccountId(path.account_id, actor),
    importId: pathId(path.id),
    page,
  });
  return keyedPage(req, "sis_import_errors", items, total, page);
});
