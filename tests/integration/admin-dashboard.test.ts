import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { auditCsv, listAuditEvents } from "../../lib/admin/audit.ts";
import {
  accountSettingsSchema,
  listEditableAccounts,
  updateAccountSettings,
} from "../../lib/admin/account-settings.ts";
import { zodFieldErrors } from "../../lib/action-state.ts";
import { courseCodesCsv, getCourseRoster, listCodeCourses } from "../../lib/admin/courses.ts";
import { getUserDetail, searchUsers } from "../../lib/admin/users.ts";
import { linkObserveeByAdmin } from "../../lib/observer-links.ts";
import { pageRequest } from "../../lib/pagination.ts";
import { createPairingCode, createPairingCodes, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { createSubAccount, enrollUser, makeAccountAdmin } from "../../lib/provisioning.ts";
import {
  actorFor,
  makeAdmin,
  makeCourse,
  makeRootAccount,
  makeStudent,
  makeUser,
  uid,
} from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";

const page = pageRequest({ per_page: 50 });

// The values in these tests hold no commas or quotes, so a plain split reads the CSV.
function parse(csv: string, _opts: { columns: true }): Record<string, string>[] {
  const [head, ...lines] = csv.trim().split("\n");
  const keys = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v])));
}

async function school() {
  const account = await makeRootAccount();
  const sub = await createSubAccount({ name: `Sub ${uid()}`, parentId: account.id });
  const admin = await makeAdmin(account.id);
  const subAdmin = await makeUser(account.id, { name: `Sub Admin ${uid()}` });
  await makeAccountAdmin({ accountId: sub.id, userId: subAdmin.id });
  const subCourse = await makeCourse(sub.id);
  const inSub = await makeStudent(account.id, { name: `In Sub ${uid()}` });
  await enrollUser({ courseId: subCourse.id, userId: inSub.id, type: "student" });
  const outside = await makeStudent(account.id, { name: `Outside ${uid()}` });
  return {
    account,
    sub,
    admin,
    subAdmin,
    subCourse,
    inSub,
    outside,
    as: (u: { id: number; name: string }) => actorFor(u, account.id),
  };
}

describe("admin user search and detail", () => {
  it("root admins find users by name, login and SIS id; sub-account admins only their own; others are refused", async () => {
    const s = await school();
    const sis = `SIS-${uid()}`;
    const parent = await makeUser(s.account.id, { name: `Findable ${uid()}`, sisUserId: sis });
    for (const q of [parent.name.slice(0, 12), parent.login.toUpperCase(), sis.toLowerCase()]) {
      const { items } = await searchUsers(s.as(s.admin), { q, page });
      expect(items.map((u) => u.id)).toContain(parent.id);
    }
    const sub = await searchUsers(s.as(s.subAdmin), { q: "", page });
    expect(sub.items.map((u) => u.id)).toEqual([s.inSub.id]);
    expect(await errorOf(getUserDetail(s.as(s.subAdmin), s.outside.id))).toMatchObject({ code: "not_found" });
    expect(await errorOf(searchUsers(s.as(parent), { q: "", page }))).toMatchObject({ code: "unauthorized" });
    // Another school's admin cannot see this school's users.
    const other = await makeRootAccount();
    const otherAdmin = await makeAdmin(other.id);
    expect(await errorOf(getUserDetail(actorFor(otherAdmin, other.id), parent.id))).toMatchObject({
      code: "not_found",
    });
  });

  it("the user page shows logins, enrollments and links with their root accounts", async () => {
    const s = await school();
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

describe("account settings", () => {
  it("a root admin changes settings and the change is audited; a sub-account admin may not", async () => {
    const s = await school();
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
    });
    expect(ok).toEqual({
      root_account_id: 7,
      self_registration: "none",
      pairing_code_lifetime_days: 2,
      students_may_remove_observers: false,
      teachers_may_generate_codes: true,
    });
  });
});

describe("audit log", () => {
  it("filters by user and event, and exports the same rows as CSV", async () => {
    const s = await school();
    const parent = await makeUser(s.account.id, { name: `Audited ${uid()}` });
    await linkObserveeByAdmin(s.as(s.admin), {
      observerId: parent.id,
      studentId: s.outside.id,
      rootAccountId: s.account.id,
    });
    const filter = { user: parent.name, action: "link.created" as const };
    const { items, total } = await listAuditEvents(s.as(s.admin), { filter, page });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      action: "link.created",
      actor: s.admin.name,
      subject: s.outside.name,
      target: parent.name,
      method: "admin",
    });
    const rows = parse(await auditCsv(s.as(s.admin), filter), { columns: true });
    expect(rows).toEqual([
      expect.objectContaining({
        Action: "link.created",
        Actor: s.admin.name,
        Subject: s.outside.name,
        "Other user": parent.name,
      }),
    ]);
    // The sub-account admin does not see events about users outside their sub-account.
    expect((await listAuditEvents(s.as(s.subAdmin), { filter, page })).total).toBe(0);
  });
});

describe("course pairing codes", () => {
  it("the CSV has Canvas's columns and one working code per student", async () => {
    const s = await school();
    const course = await makeCourse(s.account.id);
    const students = [
      await makeUser(s.account.id, { name: `Ada Lovelace${uid()}`, sisUserId: `S-${uid()}` }),
      await makeUser(s.account.id, { name: `Alan Turing${uid()}` }),
    ];
    for (const st of students) await enrollUser({ courseId: course.id, userId: st.id, type: "student" });
    const { csv, filename } = await courseCodesCsv(s.as(s.admin), course.id);
    expect(filename).toMatch(/_observer_pairing_codes\.csv$/);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(["Last Name", "First Name", "SIS ID", "Pairing Code", "Expires At"]);
    expect(rows.map((r) => r["First Name"])).toEqual(["Ada", "Alan"]);
    const parent = await makeUser(s.account.id);
    const linked = await redeemPairingCode(actorFor(parent, s.account.id), {
      observerId: parent.id,
      code: rows[0]["Pairing Code"],
    });
    expect(linked.id).toBe(students[0].id);
  });

  it("a batch of codes is all or none; CSV cells that would run as formulas are made text", async () => {
    const s = await school();
    const course = await makeCourse(s.account.id);
    const sneaky = await makeUser(s.account.id, { name: `=HYPERLINK("http://x.test")${uid()}` });
    await enrollUser({ courseId: course.id, userId: sneaky.id, type: "student" });
    const { csv } = await courseCodesCsv(s.as(s.admin), course.id);
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);

    const before = await db.pairingCode.count({ where: { studentId: s.inSub.id } });
    const stranger = await makeUser(s.account.id);
    expect(
      (await errorOf(createPairingCodes(s.as(s.admin), { studentIds: [s.inSub.id, stranger.id] }))).code,
    ).toBe("unauthorized");
    expect(await db.pairingCode.count({ where: { studentId: s.inSub.id } })).toBe(before);
  });

  it("teachers see their courses only when the account lets teachers generate codes", async () => {
    const s = await school();
    const course = await makeCourse(s.account.id);
    const teacher = await makeUser(s.account.id);
    await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
    expect(await listCodeCourses(s.as(teacher))).toEqual([]);
    expect(await errorOf(getCourseRoster(s.as(teacher), course.id))).toMatchObject({ code: "not_found" });
    await db.account.update({ where: { id: s.account.id }, data: { teachersMayGenerateCodes: true } });
    expect((await listCodeCourses(s.as(teacher))).map((c) => c.id)).toEqual([course.id]);
    // A sub-account admin gets their sub-account's courses only, not this root-account course.
    expect((await listCodeCourses(s.as(s.subAdmin))).map((c) => c.id)).toEqual([s.subCourse.id]);
    expect((await listCodeCourses(s.as(s.admin))).map((c) => c.id)).toEqual(
      expect.arrayContaining([s.subCourse.id, course.id]),
    );
  });

  it("a sub-account admin generates codes for students of their sub-account's courses only", async () => {
    const s = await school();
    const sub = s.as(s.subAdmin);
    expect((await listCodeCourses(sub)).map((c) => c.id)).toEqual([s.subCourse.id]);
    await expect(createPairingCode(sub, { studentId: s.inSub.id })).resolves.toMatchObject({
      user_id: s.inSub.id,
    });
    expect((await errorOf(createPairingCode(sub, { studentId: s.outside.id }))).code).toBe("unauthorized");
  });
});
