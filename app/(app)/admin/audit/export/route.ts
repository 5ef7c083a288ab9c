// GET /admin/audit/export — the filtered audit log as CSV (session-authenticated, admins only).
import { getActor } from "@/lib/session";
import { auditCsv, auditFilterSchema } from "@/lib/admin/audit";
import { toAppError } from "@/lib/errors";

export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const filter = auditFilterSchema.safeParse({ ...params, user: params.user ?? "" });
  if (!filter.success) return new Response("Invalid filter.", { status: 400 });
  try {
    const csv = await auditCsv(actor, filter.data);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-log.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    const e = toAppError(err);
    if (!e) throw err;
    return new Response(e.message, { status: e.code === "unauthorized" ? 404 : 400 });
  }
}
