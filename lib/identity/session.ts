import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "./auth.ts";
import { loadActor, type Actor } from "../accounts/actor.ts";
import { getDomainRootAccount } from "../accounts/accounts.ts";
import { clientIp } from "../platform/client-ip.ts";
import { revokeSession } from "./sign-out.ts";

/**
 * The signed-in actor for server components and server actions, re-read from the database once
 * per request (React cache). Null when signed out or when the user is no longer active.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  // The school of the Host is looked up while the session cookie is read (a page's first wait);
  // signed out, its answer (or failure) is not needed.
  const h = await headers();
  const school = getDomainRootAccount(h.get("host"));
  school.catch(() => {});
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const account = await school;
  // A session belongs to the school it was signed in at (lib/identity/auth.ts): on another school's host,
  // even one where the same person has a login, it is anonymous.
  if (session?.user?.rootAccountId !== account.id) return null;
  return loadActor(
    id,
    { domainRootAccountId: account.id, ip: clientIp(h), via: "session" },
    session?.sv ?? 0,
    session?.sid,
  );
});

/** The signed-in actor, or a redirect to the sign-in page (pages, layouts and server actions). */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** Ends the signed-in session for good (its cookie stops working, wherever it was copied to). */
export async function revokeCurrentSession(): Promise<void> {
  const session = await auth();
  const userId = Number(session?.user?.id);
  if (!Number.isSafeInteger(userId) || userId <= 0) return;
  await revokeSession({ userId, sid: session?.sid });
}
