// The lists school staff work from: users by role (one rule for the column and the filter),
// courses and rosters searchable in natural order, a teacher's landing without code permission,
// and the audit log in words.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { searchUsers } from "../../lib/admin/users.ts";
import { getCourseRoster, listCodeCourses } from "../../lib/admin/courses.ts";
import { listAuditEvents } from "../../lib/admin/audit-log.ts";
import { updateAccountSettings } from "../../lib/accounts/settings.ts";
import { linkObserveeByAdmin } from "../../lib/observer-links/index.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { getTeachingSummary } from "../../lib/courses/teaching.ts";
import { hasRole, rolesOfUsers } from "../../lib/users/roles.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { makeAdmin, makeCourse, makeRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { adminPage, adminSchool } from "../helpers/admin-school.ts";

describe("users by role", () => {
  it("derives each user's roles in the admin's schools and filters by the same rule, paged", async () => {
    const s = await adminSchool();
    const tag = uid();
    const parent = await makeUser(s.account.id, { name: `Role Parent ${tag}` });
    const teacher = await makeUser(s.account.id, { name: `Role Teacher ${tag}` });
    const student = await makeStudent(s.account.id, { name: `Role Student ${tag}` });
    await enrollUser({ courseId: student.courses[0].id, userId: teacher.id, type: "teacher" });
    await linkObserveeByAdmin(s.as(s.admin), {
      observerId: parent.id,
      studentId: student.id,
      rootAccountId: s.account.id,
    });
    // A teacher elsewhere is not a teacher here: roles are per school.
    const other = await makeRootAccount();
    await db.login.create({
      data: {
        userId: parent.id,
        rootAccountId: other.id,
        uniqueId: `p-${tag}@other.example`,
        uniqueIdNormalized: `p-${tag}@other.example`,
      },
    });
    const otherCourse = await makeCourse(other.id);
    await enrollUser({ courseId: otherCourse.id, userId: parent.id, type: "teacher" });

    const find = async (role?: "student" | "observer" | "teacher" | "admin") =>
      (await searchUsers(s.as(s.admin), { q: tag, role, page: adminPage })).items;
    const all = await find();
    expect(Object.fromEntries(all.map((u) => [u.name, u.roles]))).toEqual({
      [parent.name]: ["observer"],
      [teacher.name]: ["teacher"],
      [student.name]: ["student"],
    });
    expect((await find("observer")).map((u) => u.id)).toEqual([parent.id]);
    expect((await find("teacher")).map((u) => u.id)).toEqual([teacher.id]);
    expect((await find("student")).map((u) => u.id)).toEqual([student.id]);
    expect(await find("admin")).toEqual([]);
    const admins = await searchUsers(s.as(s.admin), { q: "", role: "admin", page: adminPage });
    expect(admins.items.map((u) => u.id).sort()).toEqual([s.admin.id, s.subAdmin.id].sort());
    expect(admins.items.every((u) => u.roles.includes("admin"))).toBe(true);
    // Paged on the server: one per page, the total says how many.
    const first = await searchUsers(s.as(s.admin), { q: tag, page: pageRequest({ per_page: 1 }) });
    expect(first).toMatchObject({ total: 3, items: [expect.objectContaining({ id: parent.id })] });
    // In the other school (or anywhere) the parent is a teacher.
    expect((await rolesOfUsers([parent.id], [other.id])).get(parent.id)).toEqual(["teacher"]);
    expect(await hasRole(parent.id, "teacher")).toBe(true);
    expect(await hasRole(parent.id, "teacher", [s.account.id])).toBe(false);
  });

  it("a concluded course or a deleted link is no role", async () => {
    const s = await adminSchool();
    const student = await makeStudent(s.account.id);
    await db.course.update({ where: { id: student.courses[0].id }, data: { workflowState: "completed" } });
    expect((await rolesOfUsers([student.id], [s.account.id])).get(student.id)).toEqual([]);
  });
});

describe("courses and rosters in natural order", () => {
  it("sorts Kid2 before Kid10, searches by name or SIS id, and pages", async () => {
    const s = await adminSchool();
    const tag = uid();
    const course = await makeCourse(s.account.id, `Grade 10 ${tag}`);
    const course2 = await makeCourse(s.account.id, `Grade 2 ${tag}`);
    const kids = [];
    for (const n of [10, 2, 1, 11]) {
      const kid = await makeUser(s.account.id, { name: `Kid${n} Natural${tag}`, sisUserId: `N${tag}-${n}` });
      await enrollUser({ courseId: course.id, userId: kid.id, type: "student" });
      kids.push(kid);
    }
    const names = (r: { students: { name: string }[] }) => r.students.map((k) => k.name.split(" ")[0]);
    const roster = await getCourseRoster(s.as(s.admin), course.id);
    expect(names(roster)).toEqual(["Kid1", "Kid2", "Kid10", "Kid11"]);
    expect(roster.total).toBe(4);
    const page2 = await getCourseRoster(s.as(s.admin), course.id, {
      page: pageRequest({ page: 2, per_page: 3 }),
    });
    expect(page2).toMatchObject({ total: 4 });
    expect(names(page2)).toEqual(["Kid11"]);
    expect(names(await getCourseRoster(s.as(s.admin), course.id, { q: `N${tag}-2` }))).toEqual(["Kid2"]);
    expect(names(await getCourseRoster(s.as(s.admin), course.id, { q: "kid1" }))).toEqual([
      "Kid1",
      "Kid10",
      "Kid11",
    ]);

    const courses = await listCodeCourses(s.as(s.admin), { q: tag });
    expect(courses.items.map((c) => c.id)).toEqual([course2.id, course.id]);
    expect(courses.items[1]).toMatchObject({ name: `Grade 10 ${tag}`, students: 4 });
    expect((await listCodeCourses(s.as(s.admin), { q: `grade 2 ${tag}` })).items.map((c) => c.id)).toEqual([
      course2.id,
    ]);
  });
});

describe("a teacher without code permission", () => {
  it("gets their courses and their school's admins to ask, and no code courses", async () => {
    const account = await makeRootAccount();
    const admin = await makeAdmin(account.id);
    const teacher = await makeUser(account.id);
    const course = await makeCourse(account.id, `Room 9 ${uid()}`);
    await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
    const student = await makeUser(account.id);
    await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
    const actor = {
      userId: teacher.id,
      name: teacher.name,
      domainRootAccountId: account.id,
      ip: null,
      via: "session" as const,
    };
    expect((await listCodeCourses(actor)).total).toBe(0);
    expect(await getTeachingSummary(actor)).toEqual({
      courses: [
        {
          id: course.id,
          name: course.name,
          courseCode: expect.any(String),
          school: account.name,
          students: 1,
        },
      ],
      schools: [{ id: account.id, name: account.name, admins: [{ name: admin.name, email: admin.login }] }],
    });
    // A student has no teaching landing.
    expect((await getTeachingSummary({ ...actor, userId: student.id })).courses).toEqual([]);
  });
});

describe("the audit log in words", () => {
  it("says what a settings change changed, before → after", async () => {
    const s = await adminSchool();
    await updateAccountSettings(s.as(s.admin), {
      root_account_id: s.account.id,
      self_registration: "all",
      pairing_code_lifetime_days: 3,
      students_may_remove_observers: false,
      teachers_may_generate_codes: true,
    });
    const { items } = await listAuditEvents(s.as(s.admin), {
      filter: { user: "", action: "settings.changed" },
      page: adminPage,
    });
    expect(items).toHaveLength(1);
    expect(items[0].label).toBe("Account settings changed");
    expect(items[0].description).toContain(`${s.admin.name} changed the account settings: `);
    expect(items[0].description).toContain("Pairing codes expire after: 7 days → 3 days");
    expect(items[0].description).toContain("Teachers may generate pairing codes: no → yes");
  });
});
