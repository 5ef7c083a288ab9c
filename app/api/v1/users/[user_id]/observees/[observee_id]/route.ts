// GET /api/v1/users/:user_id/observees/:observee_id — show one observee (404 without an active link)
// PUT /api/v1/users/:user_id/observees/:observee_id — link by id (admins), idempotent
// DELETE /api/v1/users/:user_id/observees/:observee_id — unlink (the observer, or an admin in accounts they manage)
import {
  getObserveeEndpoint,
  linkObserveeEndpoint,
  removeObserveeEndpoint,
} from "@/lib/api/endpoints/observees";
import { apiRoute } from "@/lib/api/route";
import { getObservee, linkObserveeByAdmin, unlinkObservee } from "@/lib/observer-links";
import { withLinkAdminFields } from "@/lib/users";

export const GET = apiRoute(getObserveeEndpoint, async ({ path, actor, userId }) => {
  const observerId = await userId(path.user_id);
  const observee = await getObservee(actor, {
    observerId,
    studentId: await userId(path.observee_id),
    includeAvatar: true,
  });
  return (await withLinkAdminFields(actor, observerId, [observee]))[0];
});

export const PUT = apiRoute(linkObserveeEndpoint, async ({ input, path, actor, userId }) =>
  linkObserveeByAdmin(actor, {
    observerId: await userId(path.user_id),
    studentId: await userId(path.observee_id),
    rootAccountId: input.root_account_id,
  }),
);

export const DELETE = apiRoute(removeObserveeEndpoint, async ({ input, path, actor, userId }) =>
  unlinkObservee(actor, {
    observerId: await userId(path.user_id),
    studentId: await userId(path.observee_id),
    rootAccountId: input.root_account_id,
  }),
);
