// GET /api/v1/accounts/:account_id — one account (`self` = the host's root account)
import { getAccount, resolveAccountId } from "@/lib/accounts/accounts";
import { getAccountEndpoint } from "@/lib/api/endpoints/accounts";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(getAccountEndpoint, async ({ path, actor }) =>
  getAccount(actor, await resolveAccountId(path.account_id, actor)),
);
