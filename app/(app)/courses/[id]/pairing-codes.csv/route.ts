// POST /courses/:id/pairing-codes.csv — a new pairing code for every student of the course
// (Canvas's observer_pairing_codes.csv). Session-authenticated. A POST, not Canvas's GET: it
// changes data (each download makes codes and may revoke a student's oldest), so a link on another
// site must not trigger it; the session cookie is SameSite=Lax and the Origin must be this host.
import { courseCodesCsv } from "@/lib/admin/courses";
import { AppError, notFound } from "@/lib/platform/errors";
import { parseId } from "@/lib/platform/ids";
import { csvResponse, sessionRoute } from "../../../session-route";

function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true; // older browsers omit it on same-origin form posts
  try {
    return new URL(origin).host === req.headers.get("host");
  } catch {
    return false;
  }
}

export const POST = sessionRoute(async (actor, req, { params }: { params: Promise<{ id: string }> }) => {
  if (!sameOrigin(req))
    throw new AppError("forbidden", "This download must be started from the course page.");
  const id = parseId((await params).id);
  if (id === null) throw notFound();
  const form = await req.formData().catch(() => null);
  const { filename, csv } = await courseCodesCsv(actor, id, form?.get("revoke_oldest") === "on");
  return csvResponse(filename, csv);
});
