// POST /api/v1/accounts/:account_id/sis_imports/:id/undo — revert an import's link changes (dry_run=true: what would be)
import { resolveAccountId } from "@/lib/accounts/accounts";
import { toUndoJson, undoSisImportEndpoint } from "@/lib/api/endpoints/sis-import-undo";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { undoSisImport } from "@/lib/imports/undo";

export const POST = apiRoute(undoSisImportEndpoint, async ({ input, path, actor }) =>
  toUndoJson(
    await undoSisImport(actor, {
      accountId: await resolveAccountId(path.account_id, actor),
      importId: pathId(path.id),
      dryRun: input.dry_run,
    }),
  ),
);
