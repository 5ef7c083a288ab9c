// PUT /api/v1/accounts/:account_id/sis_imports/:id/abort — stop an unfinished import before its next batch
import { resolveAccountId } from "@/lib/accounts/accounts";
import { abortSisImportEndpoint } from "@/lib/api/endpoints/sis-imports";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { abortSisImport } from "@/lib/imports/imports";

export const PUT = apiRoute(abortSisImportEndpoint, async ({ req, path, actor }) =>
  abortSisImport(
    actor,
    { accountId: await resolveAccountId(path.account_id, actor), importId: pathId(path.id) },
    new URL(req.url).origin,
  ),
);
