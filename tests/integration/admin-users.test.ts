import { describe, expect, it } from "vitest";
import { getUserDetail, searchUsers } from "../../lib/admin/users.ts";
import { linkObserveeByAdmin } from "../../lib/observer-links/index.ts";
import { actorFor, makeAdmin, makeRootAccount, makeUser, uid } from "../helpers/factory.ts";
import { adminPage, adminSchool } from "../helpers/admin-school.ts";
import { errorOf } from "../helpers/errors.ts";

describe("admin user search and detail", () => {
  it("root admins find users by name, login and SIS id; sub-account admins only their own; others are refused", async () => {
    const s = await adminSchool();
    const sis = `SIS-${uid()}`;
    const parent = await makeUser(s.account.id, { name: `Findable ${uid()}`, sisUserId: sis });
    for (const q of [parent.name.slice(0, 12), parent.login.toUpperCase(), sis.toLowerCase()]) {
      const { items } = await searchUsers(s.as(s.admin), { q, page: adminPage });
      expect(items.map((u) => u.id)).toContain(parent.id);
    }
    const sub = await searchUsers(s.as(s.subAdmin), { q: "", page: adminPage });
    expect(sub.items.map((u) => u.id)).toEqual([s.inSub.id]);
    expect(await errorOf(getUserDetail(s.as(s.subAdmin), s.outside.id))).toMatchObject({ code: "not_found" });
    expect(await errorOf(searchUsers(s.as(parent), { q: "", page: adminPage }))).toMatchObject({
      code: "unauthorized",
    });
    // Another school's admin cannot see this school's users.
    const other = await makeRootAccount();
    const otherAdmin = await makeAdmin(other.id);
    expect(await errorOf(getUserDetail(actorFor(otherAdmin, other.id), parent.id))).toMatchObject({
      code: "not_found",
    });
  });

  it("the user page shows logins, enrollments and links with their root accounts", async () => {
    const s = await adminSchool();
    const parent = await makeUser(s.account.id);
    await linkObserveeByAdmin(s.as(s.admin), {
      observerId: parent.id,
      studentId: s.inSub.id,
      rootAccountId: s.account.id,
    });
    const detail = await getUserDetail(s.as(s.admin), s.inSub.id);
    expect(detail.logins[0]).toMatchObject({ uniqueId: s.inSub.login, rootAccountId: s.account.id });
    expect(detail.enrollments.map((e) => e.type)).toEqual(["student", "student"]);
    expect(detail.observers).toEqual([
      expect.objectContaining({
        user: { id: parent.id, name: parent.name },
        rootAccountId: s.account.id,
        method: "admin",
      }),
    ]);
    expect(detail.manageableRootAccounts).toEqual([{ id: s.account.id, name: s.account.name }]);
    // The sub-account admin sees the enrollment in their sub-account's course, not the other one.
    const seenBySub = await getUserDetail(s.as(s.subAdmin), s.inSub.id);
    expect(seenBySub.enrollments.map((e) => e.course.id)).toEqual([s.subCourse.id]);
  });
});
