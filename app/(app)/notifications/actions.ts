"use server";
import { revalidatePath } from "next/cache";
import { markNotificationsRead } from "@/lib/mail/notifications";
import { requireActor } from "@/lib/identity/session";

export async function markReadAction(): Promise<void> {
  const actor = await requireActor();
  await markNotificationsRead(actor);
  revalidatePath("/", "layout");
}
