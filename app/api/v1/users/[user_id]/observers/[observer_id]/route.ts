// GET /api/v1/users/:user_id/observers/:observer_id — show one observer (404 without an active link)
// DELETE /api/v1/users/:user_id/observers/:observer_id — a student (where allowed) or an admin removes an observer
import { getObserverEndpoint, removeObserverEndpoint } from "@/lib/api/endpoints/observees";
import { apiRoute } from "@/lib/api/route";
import { getObserver, removeObserver } from "@/lib/observer-links";
import { withLinkAdminFields } from "@/lib/users";

export const GET = apiRoute(getObserverEndpoint, async ({ path, actor, userId }) => {
  const studentId = await userId(path.user_id);
  const observer = await getObserver(actor, {
    studentId,
    observerId: await userId(path.observer_id),
    includeAvatar: true,
  });
  return (await withLinkAdminFields(actor, studentId, [observer]))[0];
});

export const DELETE = apiRoute(removeObserverEndpoint, async ({ path, actor, userId }) =>
  removeObserver(actor, {
    studentId: await userId(path.user_id),
    observerId: await userId(path.observer_id),
  }),
);
