// POST /courses/:id/pairing-codes.csv — a new pairing code for every student of the course
// (Canvas's observer_pairing_codes.csv). Session-authenticated. A POST, not Canvas's GET: it
// changes data (each download makes codes and may revoke a student's oldest), so a link on another
// site must not trigger it; the session cookie is SameSite=Lax and the Origin must be this host.
import { getActor } from "@/lib/session";
import { courseCodesCsv } from "@/lib/admin/courses";
import { toAppError } from "@/lib/errors";
import { parseId } from "@/lib/ids";

function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true; // older browsers omit it on same-origin form posts
  try {
    return new URL(origin).host === req.headers.get("host");
  } catch {
    return false;
  }
}

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  if (!sameOrigin(req))
    return new Response("This download must be started from the course page.", { status: 403 });
  const id = parseId((await params).id);
  if (id === null) return new Response("Not found.", { status: 404 });
  try {
    const { filename, csv } = await courseCodesCsv(actor, id);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    const e = toAppError(err);
    if (!e) throw err;
    return new Response(e.message, {
      status: e.code === "not_found" ? 404 : e.code === "unauthorized" ? 403 : 400,
    });
  }
}
