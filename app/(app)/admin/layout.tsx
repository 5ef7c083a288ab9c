import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/session";
import { getAdminScope, isAnyAdmin } from "@/lib/admin/scope";

// Teachers, students and parents get a plain 404: the dashboard's existence is not their business.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const scope = await getAdminScope(actor.userId);
  if (!isAnyAdmin(scope)) notFound();
  const link = "rounded-md px-3 py-1 text-blue-800 hover:bg-blue-50";
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Admin" className="flex flex-wrap gap-2 border-b border-slate-200 pb-3 text-base">
        <Link className={link} href="/admin/users">
          Users
        </Link>
        <Link className={link} href="/courses">
          Courses
        </Link>
        <Link className={link} href="/admin/audit">
          Audit log
        </Link>
        {scope.rootAccountIds.length > 0 && (
          <Link className={link} href="/admin/settings">
            Account settings
          </Link>
        )}
        <Link className={link} href="/admin/outbox">
          Outbox
        </Link>
      </nav>
      {children}
    </div>
  );
}
