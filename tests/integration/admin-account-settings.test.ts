import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  accountSettingsSchema,
  listEditableAccounts,
  updateAccountSettings,
} from "../../lib/accounts/settings.ts";
import { zodFieldErrors } from "../../lib/platform/action-state.ts";
import { adminSchool } from "../helpers/admin-school.ts";
import { errorOf } from "../helpers/errors.ts";

describe("account settings", () => {
  it("a root admin changes settings and the change is audited; a sub-account admin may not", async () => {
    const s = await adminSchool();
    expect((await listEditableAccounts(s.as(s.admin))).map((a) => a.id)).toEqual([s.account.id]);
    const input = {
      root_account_id: s.account.id,
      self_registration: "all" as const,
      pairing_code_lifetime_days: 3,
      students_may_remove_observers: true,
      teachers_may_generate_codes: false,
    };
    const after = await updateAccountSettings(s.as(s.admin), input);
    expect(after).toMatchObject({
      selfRegistration: "all",
      pairingCodeLifetimeMinutes: 3 * 1440,
      studentsMayRemoveObservers: true,
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "settings.changed", rootAccountId: s.account.id },
      select: { actorId: true, data: true },
    });
    expect(event.actorId).toBe(s.admin.id);
    expect(event.data).toMatchObject({
      selfRegistration: { from: "observers", to: "all" },
      pairingCodeLifetimeMinutes: { from: 10080, to: 4320 },
    });
    expect(await errorOf(updateAccountSettings(s.as(s.subAdmin), input))).toMatchObject({
      code: "unauthorized",
    });
  });

  it("the form's fields are snake_case and each bad one names its own error", () => {
    const form = { root_account_id: "7", self_registration: "anyone", pairing_code_lifetime_days: "31" };
    const parsed = accountSettingsSchema.safeParse(form);
    expect(parsed.success).toBe(false);
    expect(zodFieldErrors(parsed.error!.issues)).toEqual({
      self_registration: ["Choose who may register themselves."],
      pairing_code_lifetime_days: ["A code may live at most 30 days."],
    });
    const ok = accountSettingsSchema.parse({
      ...form,
      self_registration: "none",
      pairing_code_lifetime_days: "2",
      teachers_may_generate_codes: "on",
      teachers_may_link_observers: "on",
      observer_contact: "  Front office: 555-0100 ",
    });
    expect(ok).toEqual({
      root_account_id: 7,
      self_registration: "none",
      pairing_code_lifetime_days: 2,
      students_may_remove_observers: false,
      teachers_may_generate_codes: true,
      teachers_may_link_observers: true,
      observer_contact: "Front office: 555-0100",
    });
    expect(
      accountSettingsSchema.parse({ ...form, self_registration: "none", pairing_code_lifetime_days: "2" }),
    ).toMatchObject({ teachers_may_link_observers: false, observer_contact: null });
  });
});
