import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/session";
import { searchUsers, userSearchSchema } from "@/lib/admin/users";
import { pageRequest } from "@/lib/pagination";
import { Pagination } from "@/components/ui/pagination";
import { TableScroll } from "@/components/ui/table-scroll";

export const metadata: Metadata = { title: "Users" };

const PER_PAGE = 20;

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const actor = await requireActor();
  const params = await searchParams;
  const { q } = userSearchSchema.parse({ q: typeof params.q === "string" ? params.q.slice(0, 100) : "" });
  const page = pageRequest({ page: params.page, per_page: PER_PAGE });
  const { items, total } = await searchUsers(actor, { q, page });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">Users</h1>
      <form role="search" aria-label="Users" className="flex flex-wrap items-end gap-2">
        <div className="flex grow flex-col gap-1">
          <label htmlFor="user-q" className="text-sm font-medium">
            Name, login or SIS id
          </label>
          <input
            id="user-q"
            name="q"
            type="search"
            defaultValue={q}
            className="rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
        >
          Search
        </button>
      </form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {total === 0
          ? q
            ? `No users match “${q}”.`
            : "No users yet."
          : `${total} ${total === 1 ? "user" : "users"}${q ? ` match “${q}”` : ""}.`}
      </p>
      {items.length > 0 && (
        <TableScroll label="Users table" className="rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Users</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Login
                </th>
                <th scope="col" className="px-3 py-2">
                  SIS id
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {items.map((u) => (
                <tr key={u.id}>
                  <td className="px-3 py-2">
                    <Link
                      href={`/admin/users/${u.id}`}
                      className="font-semibold text-blue-800 underline underline-offset-4"
                    >
                      {u.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2 break-all">{u.logins.map((l) => l.uniqueId).join(", ") || "—"}</td>
                  <td className="px-3 py-2">
                    {u.logins
                      .map((l) => l.sisUserId)
                      .filter(Boolean)
                      .join(", ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination
        label="Users pages"
        page={page.page}
        perPage={PER_PAGE}
        total={total}
        href={(p) => `/admin/users?${new URLSearchParams({ q, page: String(p) })}`}
      />
    </div>
  );
}
