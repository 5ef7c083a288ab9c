import "server-only";
// Who may add an observee to whom, and in which root accounts: shared by every way of adding one
// (pairing code, the student's credentials or token, an admin by ids).
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/events.ts";
import { AppError, unauthorized } from "../platform/errors.ts";
import type { LinkMethod } from "../platform/generated/prisma/client.ts";
import { loginRootAccountIds } from "../accounts/permissions.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";

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

/**
 * A LinkTarget the actor may add to, with what deciding where to link reads once: the observer's
 * schools, and the root accounts an acting admin administers (null when observers add for
 * themselves).
 */
export type Adding = LinkTarget & { observerSchools: number[]; adminOf: number[] | null };

/** The observer themself, or an admin of a root account the observer belongs to (Canvas's order). */
export async function assertMayAddObservee(t: LinkTarget): Promise<Adding> {
  const forThemself = t.actor.userId === t.observerId;
  const [observerSchools, scope] = await Promise.all([
    loginRootAccountIds(t.observerId),
    forThemself ? null : getAdminScope(t.actor.userId),
  ]);
  const adminOf = scope?.rootAccountIds ?? null;
  if (adminOf && !observerSchools.some((id) => adminOf.includes(id))) throw unauthorized();
  return { ...t, observerSchools, adminOf };
}

/** Root accounts the link is made in: shared by both, chosen by root_account_id, managed by an acting admin. */
export function linkAccountsWith(a: Adding, studentSchools: readonly number[]): number[] {
  const shared = a.observerSchools.filter((id) => studentSchools.includes(id)).sort((x, y) => x - y);
  const accounts = chooseRootAccounts(shared, a.rootAccountId, a.actor.domainRootAccountId);
  const { adminOf } = a;
  return adminOf ? accounts.filter((id) => adminOf.includes(id)) : accounts;
}

/** linkAccountsWith, reading the student's schools. */
export async function linkAccounts(a: Adding, studentId: number): Promise<number[]> {
  return linkAccountsWith(a, await loginRootAccountIds(studentId));
}

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
