import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { courseCodesCsv, getCourseRoster, listCodeCourses } from "../../lib/admin/courses.ts";
import { createPairingCode, createPairingCodes, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { actorFor, makeCourse, makeUser, uid } from "../helpers/factory.ts";
import { adminSchool, parseCsv } from "../helpers/admin-school.ts";
import { errorOf } from "../helpers/errors.ts";

describe("course pairing codes", () => {
  it("the CSV has Canvas's columns and one working code per student", async () => {
    const s = await adminSchool();
    const course = await makeCourse(s.account.id);
    const students = [
      await makeUser(s.account.id, { name: `Ada Lovelace${uid()}`, sisUserId: `S-${uid()}` }),
      await makeUser(s.account.id, { name: `Alan Turing${uid()}` }),
    ];
    for (const st of students) await enrollUser({ courseId: course.id, userId: st.id, type: "student" });
    const { csv, filename } = await courseCodesCsv(s.as(s.admin), course.id);
    expect(filename).toMatch(/_observer_pairing_codes\.csv$/);
    const rows = parseCsv(csv) as Record<string, string>[];
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
    const s = await adminSchool();
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
    const s = await adminSchool();
    const course = await makeCourse(s.account.id);
    const teacher = await makeUser(s.account.id);
    await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
    expect((await listCodeCourses(s.as(teacher))).items).toEqual([]);
    expect(await errorOf(getCourseRoster(s.as(teacher), course.id))).toMatchObject({ code: "not_found" });
    await db.account.update({ where: { id: s.account.id }, data: { teachersMayGenerateCodes: true } });
    expect((await listCodeCourses(s.as(teacher))).items.map((c) => c.id)).toEqual([course.id]);
    // A sub-account admin gets their sub-account's courses only, not this root-account course.
    expect((await listCodeCourses(s.as(s.subAdmin))).items.map((c) => c.id)).toEqual([s.subCourse.id]);
    expect((await listCodeCourses(s.as(s.admin))).items.map((c) => c.id)).toEqual(
      expect.arrayContaining([s.subCourse.id, course.id]),
    );
  });

  it("a sub-account admin generates codes for students of their sub-account's courses only", async () => {
    const s = await adminSchool();
    const sub = s.as(s.subAdmin);
    expect((await listCodeCourses(sub)).items.map((c) => c.id)).toEqual([s.subCourse.id]);
    await expect(createPairingCode(sub, { studentId: s.inSub.id })).resolves.toMatchObject({
      user_id: s.inSub.id,
    });
    expect((await errorOf(createPairingCode(sub, { studentId: s.outside.id }))).code).toBe("unauthorized");
  });
});
