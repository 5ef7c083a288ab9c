import { redirect } from "next/navigation";
import { getActor } from "@/lib/session";
import { getHomeSummary } from "@/lib/home";

// The landing page sends each person to where their work is.
export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const summary = await getHomeSummary(actor);
  redirect(summary.isStudent ? "/settings" : "/observing");
}
