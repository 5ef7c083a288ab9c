// GET /api/v1/accounts — the accounts the caller administers
import { listAccounts } from "@/lib/accounts/accounts";
import { listAccountsEndpoint } from "@/lib/api/endpoints/accounts";
import { paginatedJson } from "@/lib/api/paginate";
import { apiRoute } from "@/lib/api/route";
import { pageRequest } from "@/lib/platform/pagination";

export const GET = apiRoute(listAccountsEndpoint, async ({ req, input, actor }) => {
  const page = pageRequest(input);
  const { items, total } = await listAccounts(actor, { page });
  return paginatedJson(req, items, total, page);
});
