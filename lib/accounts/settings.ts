import "server-only";
import { z } from "zod";
import { formId } from "../platform/ids.ts";
import { db } from "../platform/db.ts";
import type { Actor } from "./actor.ts";
import { recordAudit } from "../audit/events.ts";
import { accountSettingsSelect } from "./accounts.ts";
import { requireAdminScope, requireRootAdminOf } from "./admin-scope.ts";
import { LOCALES } from "../platform/locales.ts";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

// Snake_case like every other form and the REST API's parameters.
export const accountSettingsSchema = z.object({
  root_account_id: formId("That account does not exist."),
  self_registration: z.enum(["none", "observers", "all"], { error: "Choose who may register themselves." }),
  pairing_code_lifetime_days: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "A code must live at least 1 day.")
    .max(30, "A code may live at most 30 days."),
  students_may_remove_observers: checkbox,
  teachers_may_generate_codes: checkbox,
  teachers_may_link_observers: checkbox,
  // Empty means none: the Observing page then names the school only.
  observer_contact: z
    .string()
    .trim()
    .max(300, "Keep the contact line under 300 characters.")
    .optional()
    .transform((v) => v || null),
  // The language of families and staff with no choice of their own that we speak (issue 21).
  default_locale: z.enum(LOCALES, { error: "Choose a language from the list." }).optional(),
});
type ParsedSettings = z.infer<typeof accountSettingsSchema>;
// Callers written before these settings existed leave them as they are.
type LaterSettings = "teachers_may_link_observers" | "observer_contact" | "default_locale";
export type AccountSettingsInput = Omit<ParsedSettings, LaterSettings> &
  Partial<Pick<ParsedSettings, LaterSettings>>;

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
  // Settings belong to the institution: a sub-account admin may not change them.
  const rootAccountId = input.root_account_id;
  await requireRootAdminOf(actor, rootAccountId);
  const next = {
    selfRegistration: input.self_registration,
    pairingCodeLifetimeMinutes: input.pairing_code_lifetime_days * 24 * 60,
    studentsMayRemoveObservers: input.students_may_remove_observers,
    teachersMayGenerateCodes: input.teachers_may_generate_codes,
    teachersMayLinkObservers: input.teachers_may_link_observers,
    observerContact: input.observer_contact,
    defaultLocale: input.default_locale,
  };
  return db.$transaction(async (tx) => {
    const before = await tx.account.findUniqueOrThrow({
      where: { id: rootAccountId },
      select: accountSettingsSelect,
    });
    const changed = Object.fromEntries(
      Object.entries(next)
        .filter(([, v]) => v !== undefined)
        .filter(([k, v]) => before[k as keyof typeof next] !== v)
        .map(([k, v]) => [k, { from: before[k as keyof typeof next], to: v }]),
    );
    if (Object.keys(changed).length === 0) return before;
    const after = await tx.account.update({
      where: { id: rootAccountId },
      data: next,
      select: accountSettingsSelect,
    });
    await recordAudit(tx, {
      action: "settings.changed",
      actorId: actor.userId,
      rootAccountId,
      ip: actor.ip,
      data: changed,
    });
    return after;
  });
}
