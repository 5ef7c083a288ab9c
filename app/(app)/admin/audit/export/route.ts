// GET /admin/audit/export — the filtered audit log as CSV (session-authenticated, admins only).
import { auditCsv, auditFilterSchema } from "@/lib/admin/audit-log";
import { AppError } from "@/lib/platform/errors";
import { csvResponse, sessionRoute } from "../../../session-route";

export const GET = sessionRoute(async (actor, req: Request) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const filter = auditFilterSchema.safeParse({ ...params, user: params.user ?? "" });
  if (!filter.success) throw new AppError("bad_request", "Invalid filter.");
  return csvResponse("audit-log.csv", await auditCsv(actor, filter.data));
});
