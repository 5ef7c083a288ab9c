import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/session";
import { getHomeSummary } from "@/lib/home";
import { Notice } from "@/components/ui/notice";
import { PairWithObserver } from "./pair-with-observer";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const { isStudent } = await getHomeSummary(actor);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">Settings</h1>
      <section aria-labelledby="pair-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="pair-heading" className="text-xl font-semibold">
          Pair with Observer
        </h2>
        <p className="mt-1 mb-4 text-slate-700">
          A parent or guardian who enters your pairing code can follow your courses. Only share it with them.
        </p>
        {isStudent ? (
          <PairWithObserver />
        ) : (
          <Notice tone="info">Pairing codes are for students: you need an active enrollment as a student to create one.</Notice>
        )}
      </section>
    </div>
  );
}
