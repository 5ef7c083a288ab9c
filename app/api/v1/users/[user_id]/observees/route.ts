// GET /api/v1/users/:user_id/observees — list the students a user observes
// POST /api/v1/users/:user_id/observees — add an observee by pairing code, the student's access token, or credentials
import { bearerToken } from "@/lib/api/auth";
import { addObserveeEndpoint } from "@/lib/api/endpoints/observees";
import { apiRoute } from "@/lib/api/route";
import { AppError, paramError } from "@/lib/platform/errors";
import { redeemPairingCode, redeemWithAccessToken, redeemWithCredentials } from "@/lib/pairing-codes";
import { listLinkedRoute } from "../linked-users";

export const GET = listLinkedRoute("observees");

export const POST = apiRoute(addObserveeEndpoint, async ({ req, input, path, actor, userId }) => {
  const observerId = await userId(path.user_id);
  const rootAccountId = input.root_account_id;
  // Canvas's precedence: the student's access token, then a pairing code, then credentials.
  // A query-string access_token may be the caller's own credential rather than the student's.
  if (input.access_token && input.access_token !== bearerToken(req))
    return redeemWithAccessToken(actor, { observerId, accessToken: input.access_token, rootAccountId });
  if (input.pairing_code)
    return redeemPairingCode(actor, {
      observerId,
      code: input.pairing_code,
      rootAccountId,
      method: "api",
      challenge: input.challenge,
    });
  if (input.observee?.password)
    return redeemWithCredentials(actor, {
      observerId,
      uniqueId: input.observee.unique_id,
      password: input.observee.password,
      rootAccountId,
    });
  if (input.observee) throw paramError("observee[password]", "is required");
  // Canvas crashes with a 500 here; name what is missing instead.
  throw new AppError(
    "bad_request",
    "pairing_code, access_token or observee[unique_id] and observee[password] is required.",
    {
      fieldErrors: { pairing_code: ["is required"] },
    },
  );
});
