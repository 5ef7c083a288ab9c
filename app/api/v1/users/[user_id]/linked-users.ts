import "server-only";
import {
  getObserveeEndpoint,
  getObserverEndpoint,
  listObserveesEndpoint,
  listObserversEndpoint,
} from "@/lib/api/endpoints/observees";
import { paginatedJson } from "@/lib/api/paginate";
import { apiRoute, type ApiContext } from "@/lib/api/route";
import { getLinked, listLinked, type LinkSide } from "@/lib/observer-links";
import { pageRequest } from "@/lib/platform/pagination";
import { withLinkAdminFields } from "@/lib/users";

// The observees and observers routes mirror each other: under …/observees the path's user is the
// observer and the users listed are students; under …/observers the other way round.
type Side = LinkSide;
type Pair = { observerId: number; studentId: number };

const SIDES = {
  observees: {
    list: listObserveesEndpoint,
    show: getObserveeEndpoint,
    otherParam: "observee_id",
    pair: (me: number, other: number): Pair => ({ observerId: me, studentId: other }),
  },
  observers: {
    list: listObserversEndpoint,
    show: getObserverEndpoint,
    otherParam: "observer_id",
    pair: (me: number, other: number): Pair => ({ observerId: other, studentId: me }),
  },
} as const;

/** The path's two users as observer and student (`…/observees/:observee_id`, `…/observers/:observer_id`). */
export async function pathPair(
  side: Side,
  { path, userId }: Pick<ApiContext, "path" | "userId">,
): Promise<Pair> {
  const s = SIDES[side];
  return s.pair(await userId(path.user_id), await userId(path[s.otherParam]));
}

/** GET `…/observees` or `…/observers`: a page of the path user's linked users. */
export function listLinkedRoute(side: Side) {
  const s = SIDES[side];
  return apiRoute(s.list, async ({ req, input, path, actor, userId }) => {
    const me = await userId(path.user_id);
    const page = pageRequest(input);
    const includeAvatar = input.include.includes("avatar_url");
    const { items, total } = await listLinked(actor, side, { userId: me, page, includeAvatar });
    return paginatedJson(req, await withLinkAdminFields(actor, me, items), total, page);
  });
}

/** GET `…/observees/:observee_id` or `…/observers/:observer_id`: one linked user, 404 without an active link. */
export function showLinkedRoute(side: Side) {
  const s = SIDES[side];
  return apiRoute(s.show, async ({ path, actor, userId }) => {
    const me = await userId(path.user_id);
    const linked = await getLinked(actor, side, me, await userId(path[s.otherParam]), true);
    return (await withLinkAdminFields(actor, me, [linked]))[0];
  });
}
