// GET /api/v1/accounts/:account_id/sis_imports/:id/errors_attachment — the messages as a CSV download
import { resolveAccountId } from "@/lib/accounts/accounts";
import { getSisImportErrorsAttachmentEndpoint } from "@/lib/api/endpoints/sis-imports";
import { pathId } from "@/lib/api/path";
import { apiRoute } from "@/lib/api/route";
import { sisImportErrorsCsv } from "@/lib/imports/imports";

export const GET = apiRoute(getSisImportErrorsAttachmentEndpoint, async ({ path, actor }) => {
  const importId = pathId(path.id);
  const csv = await sisImportErrorsCsv(actor, {
    accountId: await resolveAccountId(path.account_id, actor),
    importId,
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sis_errors_attachment_${importId}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
