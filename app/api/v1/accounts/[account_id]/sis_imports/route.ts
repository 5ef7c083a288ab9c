// GET /api/v1/accounts/:account_id/sis_imports — a school's imports, newest first (root-account admins)
// POST /api/v1/accounts/:account_id/sis_imports — import CSV files or a zip (multipart `attachment` or a raw body)
import { resolveAccountId } from "@/lib/accounts/accounts";
import { createSisImportEndpoint, listSisImportsEndpoint } from "@/lib/api/endpoints/sis-imports";
import { apiRoute } from "@/lib/api/route";
import { keyedPage, sisImportFiles } from "@/lib/api/sis-imports";
import { createSisImport, listSisImports } from "@/lib/imports/imports";
import { pageRequest } from "@/lib/platform/pagination";

export const GET = apiRoute(listSisImportsEndpoint, async ({ req, input, path, actor }) => {
  const page = pageRequest(input);
  const accountId = await resolveAccountId(path.account_id, actor);
  const filters = {
    states: input.workflow_state,
    createdSince: input.created_since,
    createdBefore: input.created_before,
  };
  const { items, total } = await listSisImports(actor, { accountId, page, filters }, new URL(req.url).origin);
  return keyedPage(req, "sis_imports", items, total, page);
});

export const POST = apiRoute(createSisImportEndpoint, async ({ req, input, path, actor }) => {
  const files = sisImportFiles(req, input.extension);
  return createSisImport(actor, {
    accountId: await resolveAccountId(path.account_id, actor),
    files,
    importType: input.import_type,
    dryRun: input.dry_run,
    skipDeletes: input.skip_deletes,
    charset: input.charset,
    oneRosterStudentId: input.oneroster_student_id,
    diffing: input.diffing_data_set_identifier
      ? {
          dataSet: input.diffing_data_set_identifier,
          remaster: input.diffing_remaster_data_set,
          changeThreshold: input.change_threshold,
        }
      : undefined,
    origin: new URL(req.url).origin,
  });
});
