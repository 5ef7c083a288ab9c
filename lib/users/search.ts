// The one user search: what "find a user by …" means for the account users API, the admin
// dashboard and the audit log's user filter.
import type { Prisma } from "../generated/prisma/client.ts";
import { parseId } from "../ids.ts";

/**
 * Users matching `term` (case-insensitive substring) in their name, email, or a login or SIS id
 * they hold in one of `rootAccountIds` (logins elsewhere are not the searcher's to see); an
 * all-digit term also matches that user id, as Canvas's search does. An empty term matches all.
 */
export function userMatchWhere(term: string, rootAccountIds: number[]): Prisma.UserWhereInput {
  const t = term.trim();
  if (!t) return {};
  const id = parseId(t);
  return {
    OR: [
      { name: { contains: t, mode: "insensitive" } },
      { email: { contains: t, mode: "insensitive" } },
      {
        logins: {
          some: {
            rootAccountId: { in: rootAccountIds },
            workflowState: "active",
            OR: [
              { uniqueIdNormalized: { contains: t.toLowerCase() } },
              { sisUserId: { contains: t, mode: "insensitive" } },
            ],
          },
        },
      },
      ...(id ? [{ id }] : []),
    ],
  };
}
