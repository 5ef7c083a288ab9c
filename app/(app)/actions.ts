"use server";
import { redirect } from "next/navigation";
import { signOutEverywhere } from "@/lib/identity/auth";
import { revokeCurrentSession } from "@/lib/identity/session";

/**
 * Signs out: the session is revoked first, so its cookie no longer works anywhere; then here, and
 * at the school's identity provider where it supports RP-initiated logout.
 */
export async function signOutAction(): Promise<void> {
  await revokeCurrentSession();
  redirect(await signOutEverywhere());
}
