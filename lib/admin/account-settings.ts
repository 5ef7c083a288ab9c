import "server-only";
import { z } from "zod";
import { db } from "../db.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { notFound, unauthorized } from "../errors.ts";
import { accountSettingsSelect } from "../accounts.ts";
import { requireAdminScope } from "./scope.ts";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const accountSettingsSchema = z.object({
  rootAccountId: z.coerce.number().int().positive(),
  selfRegistration: z.enum(["none", "observers", "all"], { error: "Choose who may register themselves." }),
  pairingCodeLifetimeDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "A code must live at least 1 day.")
    .max(30, "A code may live at most 30 days."),
  studentsMayRemoveObservers: checkbox,
  teachersMayGenerateCodes: checkbox,
});
export type AccountSettingsInput = z.infer<typeof accountSettingsSchema>;

/** The root accounts whose settings this admin may change (root-account admins only). */
export async function listEditableAccounts(actor: Actor) {
  const scope = await requireAdminScope(actor);
  return db.account.findMany({
    where: { id: { in: scope.rootAccountIds } },
    select: accountSettingsSelect,
    orderBy: { name: "asc" },
  });
}

/** Changes a root account's observer settings; the audit event records the before and after values. */
export async function updateAccountSettings(actor: Actor, input: AccountSettingsInput) {
  const scope = await requireAdminScope(actor);
  // Settings belong to the institution: a sub-account admin may not change them.
  if (!scope.rootAccountIds.includes(input.rootAccountId))
    throw scope.touchedRootAccountIds.includes(input.rootAccountId) ? unauthorized() : notFound();
  const next = {
    selfRegistration: input.selfRegistration,
    pairingCodeLifetimeMinutes: input.pairingCodeLifetimeDays * 24 * 60,
    studentsMayRemoveObservers: input.studentsMayRemoveObservers,
    teachersMayGenerateCodes: input.teachersMayGenerateCodes,
  };
  return db.$transaction(async (tx) => {
    const before = await tx.account.findUniqueOrThrow({
      where: { id: input.rootAccountId },
      select: accountSettingsSelect,
    });
    const changed = Object.fromEntries(
      Object.entries(next)
        .filter(([k, v]) => before[k as keyof typeof next] !== v)
        .map(([k, v]) => [k, { from: before[k as keyof typeof next], to: v }]),
    );
    if (Object.keys(changed).length === 0) return before;
    const after = await tx.account.update({
      where: { id: input.rootAccountId },
      data: next,
      select: accountSettingsSelect,
    });
    await recordAudit(tx, {
      action: "settings.changed",
      actorId: actor.userId,
      rootAccountId: input.rootAccountId,
      ip: actor.ip,
      data: changed,
    });
    return after;
  });
}
