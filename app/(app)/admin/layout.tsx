import { notFound } from "next/navigation";
import { requireActor } from "@/lib/identity/session";
import { getAdminScope, isAnyAdmin } from "@/lib/accounts/admin-scope";
import { NavLinks } from "@/components/ui/nav-links";

// Teachers, students and parents get a plain 404: the dashboard's existence is not their business.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const scope = await getAdminScope(actor.userId);
  if (!isAnyAdmin(scope)) notFound();
  return (
    <div className="flex flex-col gap-6">
      <NavLinks
        menu="admin"
        items={[
          { href: "/admin/users", text: "Users" },
          { href: "/courses", text: "Courses" },
          { href: "/admin/observer-requests", text: "Observer requests" },
          { href: "/admin/audit", text: "Audit log" },
          { href: "/admin/imports", text: "Imports", show: scope.rootAccountIds.length > 0 },
          { href: "/admin/settings", text: "Account settings", show: scope.rootAccountIds.length > 0 },
          {
            href: "/admin/settings/sign-in",
            text: "Sign-in",
            show: scope.rootAccountIds.includes(actor.domainRootAccountId),
          },
          { href: "/admin/outbox", text: "Outbox" },
        ]}
      />
      {children}
    </div>
  );
}
