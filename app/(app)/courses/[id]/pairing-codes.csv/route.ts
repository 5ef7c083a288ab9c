// GET /courses/:id/pairing-codes.csv — a new pairing code for every student of the course
// (Canvas's observer_pairing_codes.csv). Session-authenticated; not cached: each download makes codes.
import { getActor } from "@/lib/session";
import { courseCodesCsv } from "@/lib/admin/courses";
import { toAppError } from "@/lib/errors";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return new Response("Not found.", { status: 404 });
  try {
    const { filename, csv } = await courseCodesCsv(actor, id);
    return new Response(csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  } catch (err) {
    const e = toAppError(err);
    if (!e) throw err;
    return new Response(e.message, { status: e.code === "not_found" ? 404 : e.code === "unauthorized" ? 403 : 400 });
  }
}
