// POST /api/v1/users/:user_id/observer_pairing_codes — generate a pairing code for a student
import { createPairingCodeEndpoint } from "@/lib/api/endpoints/observees";
import { apiRoute } from "@/lib/api/route";
import { createPairingCode, toPairingCodeJson } from "@/lib/pairing-codes";

// Canvas's clients (its Student app makes a code each time "Pair with Observer" is opened) cannot
// choose a code to revoke, so at the cap the API revokes the oldest, as documented on the endpoint.
export const POST = apiRoute(createPairingCodeEndpoint, async ({ path, actor, userId }) =>
  toPairingCodeJson(
    await createPairingCode(actor, { studentId: await userId(path.user_id), whenFull: "revoke-oldest" }),
  ),
);
