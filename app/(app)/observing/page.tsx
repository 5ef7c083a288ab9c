import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/session";
import { listObservees } from "@/lib/observer-links";
import { pageRequest } from "@/lib/pagination";
import { AddStudentForm } from "./add-student-form";

export const metadata: Metadata = { title: "Observing" };

export default async function ObservingPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const { items } = await listObservees(actor, { observerId: actor.userId, page: pageRequest({ per_page: 100 }) });
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">Observing</h1>
      <section aria-labelledby="students-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="students-heading" className="text-xl font-semibold">
          Students you observe
        </h2>
        {items.length === 0 ? (
          <p className="mt-2 text-slate-700">You are not observing any students yet. Enter a pairing code below to add one.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200" aria-label="Students you observe">
            {items.map((s) => (
              <li key={s.id} className="py-3 text-lg">
                {s.name}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="add-heading" className="mb-3 text-xl font-semibold">
          Add a student
        </h2>
        <AddStudentForm />
      </section>
    </div>
  );
}
