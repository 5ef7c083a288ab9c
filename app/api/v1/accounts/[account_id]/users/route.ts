// GET /api/v1/accounts/:account_id/users — search an account's users (admins)
// POST /api/v1/accounts/:account_id/users — create a user (admins) or self-register as an observer (no token)
import { createAccountUser, listAccountUsers } from "@/lib/identity/account-users";
import { resolveAccountId } from "@/lib/accounts/accounts";
import { createAccountUserEndpoint, listAccountUsersEndpoint } from "@/lib/api/endpoints/accounts";
import { paginatedJson } from "@/lib/api/paginate";
import { renderFieldErrors } from "@/lib/api/respond";
import { apiRoute, publicApiRoute } from "@/lib/api/route";
import { selfRegisterObserver } from "@/lib/api/self-registration";
import { pageRequest } from "@/lib/platform/pagination";

export const GET = apiRoute(listAccountUsersEndpoint, async ({ req, input, path, actor }) => {
  const page = pageRequest(input);
  const { items, total } = await listAccountUsers(actor, {
    accountId: await resolveAccountId(path.account_id, actor),
    searchTerm: input.search_term,
    includeEmail: input.include.includes("email"),
    page,
  });
  return paginatedJson(req, items, total, page);
});

export const POST = publicApiRoute(
  createAccountUserEndpoint,
  async ({ req, input, path, actor }) => {
    if (!actor) return selfRegisterObserver(req, path.account_id, input);
    return createAccountUser(actor, {
      accountId: await resolveAccountId(path.account_id, actor),
      name: input.user.name,
      shortName: input.user.short_name,
      sortableName: input.user.sortable_name,
      uniqueId: input.pseudonym.unique_id,
      password: input.pseudonym.password,
      sisUserId: input.pseudonym.sis_user_id,
      email: input.communication_channel?.address,
      forceSelfRegistration: input.pseudonym.force_self_registration,
    });
  },
  renderFieldErrors,
);
