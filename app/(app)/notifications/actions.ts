"use server";
import { revalidatePath } from "next/cache";
import { markNotificationsRead } from "@/lib/notifications";
import { requireActor } from "@/lib/session";

export async function markReadAction(): Promise<void> {
  const actor = await requireActor();
  await markNotificationsRead(actor);
  revalidatePath("/", "layout");
}
