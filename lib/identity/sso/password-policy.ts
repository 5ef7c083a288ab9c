import "server-only";
// Whether students and staff may still sign in with a password (a school's choice once its
// identity provider is in place). Parents and guardians, and root-account admins, always may: a
// school that switches passwords off can never lock out the people who could switch them back on,
// nor the families, who have no account at the district's provider.
import { recordAudit } from "../../audit/index.ts";
import type { Actor } from "../../accounts/actor.ts";
import { requireRootAdminOf } from "../../accounts/admin-scope.ts";
import { db, type Tx } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { roleWhere } from "../../users/roles.ts";

/**
 * May this user sign in at this school with a password? Refused only when the school switched
 * passwords off and the user is a student, teacher or sub-account admin there (by the same role
 * rule as the admin users table) and not an admin of the whole school.
 */
export async function passwordSignInAllowed(userId: number, rootAccountId: number): Promise<boolean> {
  const school = await db.account.findUnique({
    where: { id: rootAccountId },
    select: { staffPasswordSignIn: true },
  });
  if (!school || school.staffPasswordSignIn) return true;
  const rootAdmin = await db.accountAdmin.count({
    where: { userId, accountId: rootAccountId, workflowState: "active" },
  });
  if (rootAdmin > 0) return true;
  const staffOrStudent = await db.user.count({
    where: {
      id: userId,
      OR: [
        roleWhere("student", [rootAccountId]),
        roleWhere("teacher", [rootAccountId]),
        roleWhere("admin", [rootAccountId]),
      ],
    },
  });
  return staffOrStudent === 0;
}

/** What a student or member of staff is told when their password is refused: the school's buttons. */
export async function passwordOffMessage(rootAccountId: number): Promise<string> {
  const school = await db.account.findUnique({ where: { id: rootAccountId }, select: { name: true } });
  const buttons = await db.ssoProvider.findMany({
    where: { rootAccountId, enabled: true, forParents: false },
    orderBy: { id: "asc" },
    select: { name: true },
  });
  const names = buttons.map((b) => `“${b.name}”`).join(" or ");
  return (
    `${school?.name ?? "This school"} has switched off passwords for students and staff: ` +
    (names ? `sign in with ${names} on the sign-in page.` : "ask your school how to sign in.")
  );
}

/** A refused password sign-in of a student or member of staff: audited, then the clear message. */
export async function refusePasswordSignIn(input: {
  userId: number;
  rootAccountId: number;
  ip: string | null;
  via: "password" | "credentials";
}): Promise<never> {
  await recordAudit(db, {
    action: "login.password_refused",
    actorId: input.userId,
    subjectId: input.userId,
    rootAccountId: input.rootAccountId,
    ip: input.ip,
    data: { via: input.via },
  });
  throw new AppError("forbidden", await passwordOffMessage(input.rootAccountId));
}

/**
 * Switches passwords for students and staff on or off (root-account admins). Off needs a way in
 * for them: an enabled provider for students and staff.
 */
export async function setStaffPasswordSignIn(
  actor: Actor,
  input: { rootAccountId: number; allowed: boolean },
): Promise<{ staffPasswordSignIn: boolean }> {
  await requireRootAdminOf(actor, input.rootAccountId);
  return db.$transaction(async (tx) => {
    const before = await tx.account.findUniqueOrThrow({
      where: { id: input.rootAccountId },
      select: { staffPasswordSignIn: true },
    });
    if (before.staffPasswordSignIn === input.allowed) return before;
    if (!input.allowed) {
      const ways = await tx.ssoProvider.count({
        where: { rootAccountId: input.rootAccountId, enabled: true, forParents: false },
      });
      if (ways === 0)
        throw new AppError(
          "conflict",
          "Switch on a sign-in provider for students and staff first: without one they could not sign in at all.",
        );
    }
    const after = await tx.account.update({
      where: { id: input.rootAccountId },
      data: { staffPasswordSignIn: input.allowed },
      select: { staffPasswordSignIn: true },
    });
    await recordAudit(tx, {
      action: "settings.changed",
      actorId: actor.userId,
      rootAccountId: input.rootAccountId,
      ip: actor.ip,
      data: { staffPasswordSignIn: { from: before.staffPasswordSignIn, to: input.allowed } },
    });
    return after;
  });
}

/**
 * Switching off, changing or removing this provider must leave students and staff a way in: while
 * their passwords are off, another enabled provider for them.
 */
export async function assertStaffKeepAWayIn(
  tx: Pick<Tx, "account" | "ssoProvider">,
  leaving: { id: number; rootAccountId: number; enabled: boolean; forParents: boolean },
): Promise<void> {
  if (!leaving.enabled || leaving.forParents) return;
  const school = await tx.account.findUniqueOrThrow({
    where: { id: leaving.rootAccountId },
    select: { staffPasswordSignIn: true },
  });
  if (school.staffPasswordSignIn) return;
  const others = await tx.ssoProvider.count({
    where: {
      rootAccountId: leaving.rootAccountId,
      enabled: true,
      forParents: false,
      id: { not: leaving.id },
    },
  });
  if (others === 0)
    throw new AppError(
      "conflict",
      "This is the only way students and staff can sign in while their passwords are off: allow their passwords again first.",
    );
}
