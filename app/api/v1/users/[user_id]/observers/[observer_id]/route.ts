// GET /api/v1/users/:user_id/observers/:observer_id — show one observer (404 without an active link)
// DELETE /api/v1/users/:user_id/observers/:observer_id — a student (where allowed) or an admin removes an observer
import { removeObserverEndpoint } from "@/lib/api/endpoints/observees";
import { apiRoute } from "@/lib/api/route";
import { removeObserver } from "@/lib/observer-links";
import { pathPair, showLinkedRoute } from "../../linked-users";

export const GET = showLinkedRoute("observers");

export const DELETE = apiRoute(removeObserverEndpoint, async (ctx) =>
  removeObserver(ctx.actor, await pathPair("observers", ctx)),
);
