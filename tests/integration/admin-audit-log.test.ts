import { describe, expect, it } from "vitest";
import { auditCsv, listAuditEvents } from "../../lib/admin/audit-log.ts";
import { linkObserveeByAdmin } from "../../lib/observer-links/index.ts";
import { makeUser, uid } from "../helpers/factory.ts";
import { parse } from "csv-parse/sync";
import { adminPage, adminSchool } from "../helpers/admin-school.ts";

describe("audit log", () => {
  it("filters by user and event, and exports the same rows as CSV", async () => {
    const s = await adminSchool();
    const parent = await makeUser(s.account.id, { name: `Audited ${uid()}` });
    await linkObserveeByAdmin(s.as(s.admin), {
      observerId: parent.id,
      studentId: s.outside.id,
      rootAccountId: s.account.id,
    });
    const filter = { user: parent.name, action: "link.created" as const };
    const { items, total } = await listAuditEvents(s.as(s.admin), { filter, page: adminPage });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      action: "link.created",
      actor: s.admin.name,
      subject: s.outside.name,
      target: parent.name,
      method: "admin",
      label: "Observer linked",
      description: `${parent.name} started observing ${s.outside.name}, by ${s.admin.name} (school admin).`,
    });
    // The sentence has commas: read the CSV with a real parser.
    const rows = parse(await auditCsv(s.as(s.admin), filter), { columns: true });
    expect(rows).toEqual([
      expect.objectContaining({
        Action: "link.created",
        Actor: s.admin.name,
        Subject: s.outside.name,
        "Other user": parent.name,
        "What happened": items[0].description,
      }),
    ]);
    // The sub-account admin does not see events about users outside their sub-account.
    expect((await listAuditEvents(s.as(s.subAdmin), { filter, page: adminPage })).total).toBe(0);
  });
});
