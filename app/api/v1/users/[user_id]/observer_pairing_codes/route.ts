// POST /api/v1/users/:user_id/observer_pairing_codes — generate a pairing code for a student
import { apiRoute } from "@/lib/api/route";
import { createPairingCode } from "@/lib/pairing-codes";

export const POST = apiRoute(async ({ path, actor, userId }) => {
  const studentId = await userId(path.user_id);
  const { rootAccountId: _account, ...json } = await createPairingCode(actor, { studentId });
  return Response.json(json);
});
