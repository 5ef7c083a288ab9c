import "server-only";
// Who may add an observee to whom, and in which root accounts: shared by every way of adding one
// (pairing code, the student's credentials or token, an admin by ids).
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/events.ts";
import { AppError, unauthorized } from "../platform/errors.ts";
import type { LinkMethod } from "../platform/generated/prisma/client.ts";
import { adminRootAccountIds, loginRootAccountIds, sharedRootAccountIds } from "../accounts/permissions.ts";

export type RootAccountChoice = number | "all" | undefined;

/** Canvas's `root_account_id`: absent → the domain root account, `all` → no filter, else that id. */
export function chooseRootAccounts(
  candidates: number[],
  choice: RootAccountChoice,
  domainRootAccountId: number,
): number[] {
  if (choice === "all") return candidates;
  const wanted = choice ?? domainRootAccountId;
  return candidates.filter((id) => id === wanted);
}

export const cannotObserveSelf = () => new AppError("unprocessable", "A user cannot observe themself.");
export const noSharedSchool = () =>
  new AppError("unprocessable", "The observer and the student do not both belong to that school account.");

/** An observer being given an observee, by themself or by an admin, through `method`. */
export type LinkTarget = {
  actor: Actor;
  observerId: number;
  rootAccountId?: RootAccountChoice;
  method: LinkMethod;
};

/** The observer themself, or an admin of a root account the observer belongs to (Canvas's order). */
export async function assertMayAddObservee(actor: Actor, observerId: number) {
  if (actor.userId === observerId) return;
  const [adminOf, observerIn] = await Promise.all([
    adminRootAccountIds(actor.userId),
    loginRootAccountIds(observerId),
  ]);
  if (!observerIn.some((id) => adminOf.includes(id))) throw unauthorized();
}

/** Root accounts the link is made in: shared by both, chosen by root_account_id, managed by an acting admin. */
export async function linkAccounts(t: LinkTarget, studentId: number): Promise<number[]> {
  const accounts = chooseRootAccounts(
    await sharedRootAccountIds(t.observerId, studentId),
    t.rootAccountId,
    t.actor.domainRootAccountId,
  );
  if (t.actor.userId === t.observerId) return accounts;
  const adminOf = new Set(await adminRootAccountIds(t.actor.userId));
  return accounts.filter((id) => adminOf.has(id));
}

/** A refused attempt to add an observee (a wrong code, login or token), for the audit log. */
/** A refused attempt to add an observee; `studentId` names the student when the code was a real one. */
export async function recordLinkFailure(
  t: LinkTarget,
  reason: string,
  known: { rootAccountId?: number; studentId?: number } = {},
) {
  await recordAudit(db, {
    action: "code.failed",
    actorId: t.actor.userId,
    subjectId: known.studentId ?? null,
    targetId: t.observerId,
    rootAccountId: known.rootAccountId ?? t.actor.domainRootAccountId,
    method: t.method,
    ip: t.actor.ip,
    data: { reason },
  });
}
