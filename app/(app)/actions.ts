"use server";
import { signOut } from "@/lib/identity/auth";
import { revokeCurrentSession } from "@/lib/identity/session";

/** Signs out: the session is revoked first, so its cookie no longer works anywhere. */
export async function signOutAction(): Promise<void> {
  await revokeCurrentSession();
  await signOut({ redirectTo: "/login" });
}
