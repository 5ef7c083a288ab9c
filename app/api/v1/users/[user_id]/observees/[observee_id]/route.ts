// GET /api/v1/users/:user_id/observees/:observee_id — show one observee (404 without an active link)
// PUT /api/v1/users/:user_id/observees/:observee_id — link by id (admins), idempotent
// DELETE /api/v1/users/:user_id/observees/:observee_id — unlink (the observer, or an admin in accounts they manage)
import { linkObserveeEndpoint, removeObserveeEndpoint } from "@/lib/api/endpoints/observees";
import { apiRoute } from "@/lib/api/route";
import { linkObserveeByAdmin, unlinkObservee } from "@/lib/observer-links";
import { pathPair, showLinkedRoute } from "../../linked-users";

export const GET = showLinkedRoute("observees");

export const PUT = apiRoute(linkObserveeEndpoint, async (ctx) =>
  linkObserveeByAdmin(ctx.actor, {
    ...(await pathPair("observees", ctx)),
    rootAccountId: ctx.input.root_account_id,
    confirmStudentObserver: ctx.input.confirm_student_observer,
  }),
);

export const DELETE = apiRoute(removeObserveeEndpoint, async (ctx) =>
  unlinkObservee(ctx.actor, {
    ...(await pathPair("observees", ctx)),
    rootAccountId: ctx.input.root_account_id,
  }),
);
