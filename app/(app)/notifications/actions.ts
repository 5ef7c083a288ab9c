"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { markNotificationsRead } from "@/lib/notifications";
import { getActor } from "@/lib/session";

export async function markReadAction(): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  await markNotificationsRead(actor);
  revalidatePath("/", "layout");
}
