import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { detectKind } from "../../lib/imports/formats.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

describe("import formats", () => {
  it("recognises each format by its header, in any case and column order", () => {
    expect(detectKind(["user_id", "login_id", "first_name", "Status"])).toBe("users");
    expect(detectKind(["status", "student_id", "observer_id"])).toBe("user_observers");
    expect(detectKind(["guardian_email", "guardian_name", "student_login"])).toBe("family_roster");
    expect(
      detectKind(["sourcedId", "status", "role", "givenName", "familyName", "email", "agentSourcedIds"]),
    ).toBe("oneroster_users");
    expect(detectKind(["course_id", "short_name", "status"])).toBeNull();
  });

  it("OneRoster users.csv: guardians linked to the students their agentSourcedIds name; other roles skipped", async () => {
    const s = await importSchool({ students: 3 });
    const [a, b, c] = s.students;
    const file = csvFile("users.csv", [
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
      `${a.sis},active,,true,org1,student,kid-a,,Kid,A,,,,,,,,`,
      `G1-${s.tag},active,,true,org1,parent,,,Robin,Rivera,,,robin.${s.tag}@home.test,,,"${a.sis},${b.sis}",,`,
      `G2-${s.tag},active,,true,org1,guardian,,,Casey,Chen,,,casey.${s.tag}@home.test,,,${c.sis},,`,
      `G3-${s.tag},active,,true,org1,relative,,,Nobody,Nolinks,,,nolinks.${s.tag}@home.test,,,,,`,
    ]);
    const done = await importNow(s, [file]);
    expect(done.data.import_type).toBe("oneroster");
    expect(done.data.counts).toMatchObject({ families: 3, created: 2, linked: 1, warning_count: 1 });
    const robin = await db.login.findFirstOrThrow({
      where: { rootAccountId: s.account.id, sisUserId: `G1-${s.tag}` },
      select: { userId: true, uniqueId: true, user: { select: { name: true, sortableName: true } } },
    });
    expect(robin.uniqueId).toBe(`robin.${s.tag}@home.test`);
    expect(robin.user).toEqual({ name: "Robin Rivera", sortableName: "Rivera, Robin" });
    const links = await db.observationLink.findMany({
      where: { observerId: robin.userId, workflowState: "active" },
      select: { studentId: true },
    });
    expect(links.map((l) => l.studentId).sort()).toEqual([a.id, b.id].sort());
    expect(done.processing_warnings).toEqual([["users.csv", `Guardian G3-${s.tag} lists no students`]]);
  });

  it("an unrecognised file fails with Canvas's message and changes nothing", async () => {
    const s = await importSchool({ students: 1 });
    const done = await importNow(s, [
      csvFile("courses.csv", ["course_id,short_name,status", "C1,Math,active"]),
    ]);
    expect(done.workflow_state).toBe("failed_with_messages");
    expect(done.processing_errors[0][1]).toMatch(/^Couldn't find Canvas CSV import headers/);
  });

  it("a zip that expands past 100 times its size is refused, not unpacked", async () => {
    const s = await importSchool({ students: 1 });
    const huge = new TextEncoder().encode(
      "student_sis_id,guardian_email,guardian_name\n" + "x".repeat(5_000_000),
    );
    const bomb = { name: "bomb.zip", data: zipSync({ "families.csv": huge }, { level: 9 }) };
    expect(bomb.data.length * 100).toBeLessThan(huge.length);
    const done = await importNow(s, [bomb]);
    expect(done.workflow_state).toBe("failed_with_messages");
    expect(done.processing_errors[0][1]).toMatch(
      /^Couldn't read the zip file bomb\.zip: it expands to more than 100 times/,
    );
  });
});
