import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/session";
import { searchUsers, userSearchSchema, type UserRow } from "@/lib/admin/users";
import { pageRequest } from "@/lib/pagination";
import type { Column } from "@/components/ui/data-table";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { PlainField } from "@/components/ui/plain-field";

export const metadata: Metadata = { title: "Users" };

const PER_PAGE = 20;

const COLUMNS: Column<UserRow>[] = [
  {
    header: "Name",
    cell: (u) => (
      <Link
        href={`/admin/users/${u.id}`}
        className="font-semibold text-blue-800 underline underline-offset-4"
      >
        {u.name}
      </Link>
    ),
  },
  { header: "Login", cell: (u) => u.logins.map((l) => l.uniqueId).join(", ") || "—", className: "break-all" },
  {
    header: "SIS id",
    cell: (u) =>
      u.logins
        .map((l) => l.sisUserId)
        .filter(Boolean)
        .join(", ") || "—",
  },
];

function summary(total: number, q: string): string {
  if (total === 0) return q ? `No users match “${q}”.` : "No users yet.";
  return `${total} ${total === 1 ? "user" : "users"}${q ? ` match “${q}”` : ""}.`;
}

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
    <Page title="Users" compact>
      <form role="search" aria-label="Users" className="flex flex-wrap items-end gap-2">
        <PlainField
          id="user-q"
          label="Name, login or SIS id"
          name="q"
          type="search"
          defaultValue={q}
          className="grow"
        />
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
        >
          Search
        </button>
      </form>
      <PagedTable
        summary={summary(total, q)}
        label="Users table"
        caption="Users"
        columns={COLUMNS}
        rows={items}
        pages={{
          label: "Users pages",
          page,
          total,
          href: (p) => `/admin/users?${new URLSearchParams({ q, page: String(p) })}`,
        }}
      />
    </Page>
  );
}
