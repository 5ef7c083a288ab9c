"use server";
import { redirect } from "next/navigation";
import { signOutEverywhere } from "@/lib/identity/auth";

/** Signs out here, and at the school's identity provider where it supports RP-initiated logout. */
export async function signOutAction(): Promise<void> {
  redirect(await signOutEverywhere());
}
