import { redirect } from "next/navigation";
import { requireActor } from "@/lib/identity/session";
import { getHomeSummary } from "@/lib/admin/home";

// The landing page sends each person to where their work is.
export default async function Home() {
  const actor = await requireActor();
  const summary = await getHomeSummary(actor);
  if (summary.isAdmin) redirect("/admin/users");
  if (summary.isStudent) redirect("/settings");
  // A teacher lands on their courses even where only admins make codes (it says whom to ask).
  if (summary.hasCodeCourses || summary.isTeacher) redirect("/courses");
  redirect("/observing");
}
