import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/identity/session";
import { searchUsers, userSearchSchema, type UserRow, type UserSearch } from "@/lib/admin/users";
import { ROLE_WORDS, USER_ROLES } from "@/lib/users/roles";
import { pageRequest } from "@/lib/platform/pagination";
import { listHref, listSummary, matching, searchTerm } from "../../page-helpers";
import type { Column } from "@/components/ui/data-table";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { PlainField } from "@/components/ui/plain-field";
import { SearchForm } from "@/components/ui/search-form";

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
  { header: "Role", cell: (u) => u.roles.map((r) => ROLE_WORDS[r]).join(", ") || "No role" },
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

const ROLE_OPTIONS = [
  { value: "", text: "Any role" },
  ...USER_ROLES.map((r) => ({ value: r, text: `${ROLE_WORDS[r]}s` })),
];

const summary = (total: number, { q, role }: UserSearch) =>
  listSummary(
    total,
    ["user", "users"],
    [matching(q), role && `role ${ROLE_WORDS[role]}`].filter(Boolean).join(", "),
    "No users yet.",
  );

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; role?: string; page?: string }>;
}) {
  const actor = await requireActor();
  const params = await searchParams;
  const q = searchTerm(params.q);
  // An unknown role in the address (an old or edited link) is ignored rather than an error page.
  const parsed = userSearchSchema.safeParse({ q, role: typeof params.role === "string" ? params.role : "" });
  const search: UserSearch = parsed.success ? parsed.data : userSearchSchema.parse({ q });
  const page = pageRequest({ page: params.page, per_page: PER_PAGE });
  const { items, total } = await searchUsers(actor, { ...search, page });
  return (
    <Page title="Users" compact>
      <SearchForm label="Users" id="user-q" fieldLabel="Name, login or SIS id" q={search.q}>
        <PlainField
          id="user-role"
          label="Role"
          name="role"
          options={ROLE_OPTIONS}
          defaultValue={search.role ?? ""}
        />
      </SearchForm>
      <PagedTable
        summary={summary(total, search)}
        label="Users table"
        caption="Users"
        columns={COLUMNS}
        rows={items}
        pages={{
          label: "Users pages",
          page,
          total,
          href: (p) => listHref("/admin/users", { q: search.q, role: search.role }, p),
        }}
      />
    </Page>
  );
}
