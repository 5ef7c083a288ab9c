// GET /api/v1/users/:user_id/observees — list the students a user observes
// POST /api/v1/users/:user_id/observees — add an observee with a pairing code
import { apiRoute, parseParams } from "@/lib/api/route";
import { paginatedJson } from "@/lib/api/paginate";
import { AppError } from "@/lib/errors";
import { listObservees } from "@/lib/observer-links";
import { pageRequest } from "@/lib/pagination";
import { redeemPairingCode } from "@/lib/pairing-codes";
import { redeemCodeSchema } from "@/lib/pairing-codes/schemas";

export const GET = apiRoute(async ({ req, params, path, actor, userId }) => {
  const observerId = await userId(path.user_id);
  const page = pageRequest(params);
  const include = ([] as unknown[]).concat(params.include ?? []);
  const { items, total } = await listObservees(actor, { observerId, page, includeAvatar: include.includes("avatar_url") });
  return paginatedJson(req, items, total, page);
});

export const POST = apiRoute(async ({ params, path, actor, userId }) => {
  const observerId = await userId(path.user_id);
  if (params.pairing_code === undefined) {
    // Canvas crashes with a 500 here; name what is missing instead.
    throw new AppError("bad_request", "pairing_code is required.");
  }
  const input = parseParams(redeemCodeSchema, params);
  const student = await redeemPairingCode(actor, { observerId, code: input.pairing_code, rootAccountId: input.root_account_id, method: "api" });
  return Response.json(student);
});
