"use server";
import { signOut } from "@/lib/identity/auth";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
