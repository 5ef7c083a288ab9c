// GET /api/v1/accounts/:account_id/sis_imports/:id — an import's status, counts and messages (root-account admins)
import { resolveAccountId } from "@/lib/accounts/accounts";
import { getSisImportEndpoint } from "@/lib/api/endpoints/sis-imports";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { getSisImport } from "@/lib/imports/imports";

export const GET = apiRoute(getSisImportEndpoint, async ({ req, path, actor }) =>
  getSisImport(
    actor,
    { accountId: await resolveAccountId(path.account_id, actor), importId: pathId(path.id) },
    new URL(req.url).origin,
  ),
);
