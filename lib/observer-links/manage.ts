import "server-only";
import { assertEmailsVerifiedForAdminLink } from "./verified.ts";
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError, fieldError, notFound, unauthorized } from "../platform/errors.ts";
import {
  hasActiveStudentEnrollment,
  manageableRootAccountIds,
  sharedRootAccountIds,
} from "../accounts/permissions.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";
import { toUserJson, userJsonSelect, type UserJson } from "../users/index.ts";
import { linkInAccountsTx, unlinkInTx } from "./core.ts";
import { chooseRootAccounts, noSharedSchool, cannotObserveSelf, type RootAccountChoice } from "./target.ts";
import { actionMethod } from "../audit/events.ts";
import { deliverSoon } from "../mail/outbox.ts";

async function userJson(id: number): Promise<UserJson> {
  const user = await db.user.findUnique({ where: { id }, select: userJsonSelect });
  if (!user) throw notFound();
  return toUserJson(user);
}

/**
 * DELETE /users/:observer/observees/:student. The observer removes their own links (all of them,
 * or only `root_account_id`'s, which Canvas ignores); an admin only in root accounts they manage.
 */
export async function unlinkObservee(
  actor: Actor,
  input: { observerId: number; studentId: number; rootAccountId?: RootAccountChoice },
): Promise<UserJson> {
  let accounts: number[];
  if (actor.userId === input.observerId) {
    const links = await db.observationLink.findMany({
      where: { observerId: input.observerId, studentId: input.studentId, workflowState: "active" },
      select: { rootAccountId: true },
    });
    accounts = links.map((l) => l.rootAccountId);
    if (input.rootAccountId !== undefined && input.rootAccountId !== "all")
      accounts = accounts.filter((id) => id === input.rootAccountId);
  } else {
    accounts = await manageableRootAccountIds(actor.userId, input.observerId);
    if (accounts.length === 0) throw unauthorized();
    if (input.rootAccountId !== undefined && input.rootAccountId !== "all") {
      if (!accounts.includes(input.rootAccountId)) throw unauthorized();
      accounts = [input.rootAccountId];
    }
  }
  const removed = accounts.length
    ? await db.$transaction((tx) =>
        unlinkInTx(tx, {
          studentId: input.studentId,
          observerId: input.observerId,
          rootAccountIds: accounts,
          actorId: actor.userId,
          ip: actor.ip,
          method: actionMethod(actor, input.observerId),
        }),
      )
    : 0;
  if (removed === 0) throw notFound();
  return userJson(input.studentId);
}

/** A student removing one of their observers, where their school allows it. */
export async function removeObserver(
  actor: Actor,
  input: { studentId: number; observerId: number },
): Promise<UserJson> {
  if (actor.userId !== input.studentId) {
    return unlinkObservee(actor, {
      observerId: input.observerId,
      studentId: input.studentId,
      rootAccountId: "all",
    }).then(() => userJson(input.observerId));
  }
  const links = await db.observationLink.findMany({
    where: { studentId: input.studentId, observerId: input.observerId, workflowState: "active" },
    select: { rootAccountId: true, rootAccount: { select: { studentsMayRemoveObservers: true } } },
  });
  if (links.length === 0) throw notFound();
  const allowed = links.filter((l) => l.rootAccount.studentsMayRemoveObservers).map((l) => l.rootAccountId);
  if (allowed.length === 0)
    throw new AppError(
      "unauthorized",
      "Your school does not let students remove observers. Ask your school to remove this link.",
    );
  await db.$transaction((tx) =>
    unlinkInTx(tx, {
      studentId: input.studentId,
      observerId: input.observerId,
      rootAccountIds: allowed,
      actorId: actor.userId,
      ip: actor.ip,
      method: actionMethod(actor, input.studentId),
    }),
  );
  return userJson(input.observerId);
}

export const CONFIRM_STUDENT_OBSERVER = "confirm_student_observer";

/**
 * Making a student an observer is nearly always a mistake (the two ids swapped, the wrong person
 * picked), and it shows that student another student's courses: refused unless the admin said so.
 */
export async function assertObserverNotStudent(observerId: number, confirmed: boolean) {
  if (confirmed || !(await hasActiveStudentEnrollment(observerId))) return;
  const observer = await db.user.findUnique({ where: { id: observerId }, select: { name: true } });
  throw fieldError(CONFIRM_STUDENT_OBSERVER, "Confirm that this student should observe another student.", {
    code: "unprocessable",
    summary: `${observer?.name ?? "The observer"} is enrolled as a student. Making them an observer lets them see another student's courses: confirm that this is intended.`,
  });
}

/**
 * PUT /users/:observer/observees/:student — admins only (an observer linking themself by id gets
 * 401), only in root accounts the admin manages and both users belong to; idempotent. An observer
 * enrolled as a student somewhere needs `confirmStudentObserver` (see assertObserverNotStudent).
 */
export async function linkObserveeByAdmin(
  actor: Actor,
  input: {
    observerId: number;
    studentId: number;
    rootAccountId?: RootAccountChoice;
    confirmStudentObserver?: boolean;
  },
): Promise<UserJson> {
  const adminOf = (await getAdminScope(actor.userId)).rootAccountIds;
  if (adminOf.length === 0) throw unauthorized();
  if (input.observerId === input.studentId) throw cannotObserveSelf();
  const shared = await sharedRootAccountIds(input.observerId, input.studentId);
  const chosen = chooseRootAccounts(shared, input.rootAccountId, actor.domainRootAccountId);
  if (typeof input.rootAccountId === "number" && !adminOf.includes(input.rootAccountId)) throw unauthorized();
  const rootAccountIds = chosen.filter((id) => adminOf.includes(id));
  if (rootAccountIds.length === 0) throw chosen.length > 0 ? unauthorized() : noSharedSchool();
  await assertEmailsVerifiedForAdminLink([input.observerId, input.studentId]);
  await assertObserverNotStudent(input.observerId, input.confirmStudentObserver === true);
  const link = { studentId: input.studentId, observerId: input.observerId, actorId: actor.userId };
  await db.$transaction((tx) =>
    linkInAccountsTx(tx, { ...link, method: "admin", ip: actor.ip, rootAccountIds }),
  );
  deliverSoon(); // the student's "now observes you" email
  return userJson(input.studentId);
}
