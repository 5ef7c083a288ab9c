import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/session";
import { getHomeSummary } from "@/lib/home";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const summary = await getHomeSummary(actor);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-blue-900">
            Observer Pairing
          </Link>
          <nav aria-label="Main" className="flex flex-wrap items-center gap-4 text-base">
            {summary.isStudent && (
              <Link href="/settings" className="text-blue-800 underline-offset-4 hover:underline">
                Settings
              </Link>
            )}
            <Link href="/observing" className="text-blue-800 underline-offset-4 hover:underline">
              Observing
            </Link>
            <span className="text-slate-600" aria-label="Signed in as">
              {actor.name}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-4 py-8">{children}</main>
    </div>
  );
}
