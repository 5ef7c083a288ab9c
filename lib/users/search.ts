// The one user search: what "find a user by …" means for the account users API, the admin
// dashboard and the audit log's user filter.
import "server-only";
import { db } from "../platform/db.ts";
import type { Prisma } from "../platform/generated/prisma/client.ts";
import { parseId } from "../platform/ids.ts";
import { pageWithTotal, type PageRequest } from "../platform/pagination.ts";

/**
 * Users matching `term` (case-insensitive substring) in their name, email (when they belong to
 * none but `rootAccountIds`), or a login or SIS id
 * they hold in one of `rootAccountIds` (logins elsewhere are not the searcher's to see); an
 * all-digit term also matches that user id, as Canvas's search does. An empty term matches all.
 */
export function userMatchWhere(term: string, rootAccountIds: number[]): Prisma.UserWhereInput {
  const t = term.trim();
  if (!t) return {};
  // No stored text holds a NUL (PostgreSQL cannot): such a term matches nobody, rather than
  // failing the query (a 500 from a search box or the audit log's user filter).
  if (t.includes("\u0000")) return { id: { in: [] } };
  const id = parseId(t);
  return {
    OR: [
      { name: { contains: t, mode: "insensitive" } },
      // The user-level email only for users of no other school (see emailForAdmin in json.ts).
      {
        email: { contains: t, mode: "insensitive" },
        logins: { none: { workflowState: "active", rootAccountId: { notIn: rootAccountIds } } },
      },
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

/** A page of users (not deleted) in the one order every user list uses: sortable name, then id. */
export function pageOfUsers<S extends Prisma.UserSelect>(
  filters: Prisma.UserWhereInput[],
  page: PageRequest,
  select: S,
) {
  const where = { workflowState: { not: "deleted" as const }, AND: filters };
  return pageWithTotal(
    page,
    (range) =>
      db.user.findMany({
        where,
        orderBy: [{ sortableName: "asc" }, { id: "asc" }],
        ...range,
        select,
      }) as Promise<Prisma.UserGetPayload<{ select: S }>[]>,
    () => db.user.count({ where }),
  );
}
