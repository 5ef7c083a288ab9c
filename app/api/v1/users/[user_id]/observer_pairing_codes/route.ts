// POST /api/v1/users/:user_id/observer_pairing_codes — generate a pairing code for a student
import { createPairingCodeEndpoint } from "@/lib/api/endpoints/observees";
import { apiRoute } from "@/lib/api/route";
import { createPairingCode } from "@/lib/pairing-codes";

export const POST = apiRoute(createPairingCodeEndpoint, async ({ path, actor, userId }) => {
  const { rootAccountId: _account, ...json } = await createPairingCode(actor, {
    studentId: await userId(path.user_id),
  });
  return json;
});
