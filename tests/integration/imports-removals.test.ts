// Issue 17: removals reach the app (the family roster's status column, OneRoster's tobedeleted and
// enabledUser=false), and a student is never made an observer by an import unless the row says so.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

type School = Awaited<ReturnType<typeof importSchool>>;
const activeLinks = (s: School) =>
  db.observationLink.findMany({
    where: { rootAccountId: s.account.id, workflowState: "active" },
    select: { studentId: true, observerId: true },
  });
const observerEnrollments = (userId: number) =>
  db.enrollment.count({ where: { userId, type: "observer", workflowState: "active" } });
const userOf = (s: School, login: string) =>
  db.login.findFirst({
    where: { rootAccountId: s.account.id, uniqueIdNormalized: login },
    select: { userId: true },
  });

const ONEROSTER =
  "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";

describe("import removals and the student-as-observer rule", () => {
  it("family roster status=deleted removes the link and its observer enrollments; unknown pairs are unchanged", async () => {
    const s = await importSchool({ students: 2, unenrolled: 1 });
    const [a, b] = s.students;
    const pat = `pat.${s.tag}@home.test`;
    const HEADER = "student_sis_id,guardian_email,guardian_name,status";
    await importNow(s, [
      csvFile("families.csv", [HEADER, `${a.sis},${pat},Pat,active`, `${b.sis},${pat},Pat,`]),
    ]);
    const patId = (await userOf(s, pat))!.userId;
    expect(await activeLinks(s)).toHaveLength(2);
    expect(await observerEnrollments(patId)).toBe(2);

    const done = await importNow(s, [
      csvFile("families.csv", [
        HEADER,
        `${a.sis},${pat},Pat,deleted`,
        `${b.sis},nobody.${s.tag}@home.test,Nobody,deleted`,
        `${b.sis},${pat},Pat,gone`,
      ]),
    ]);
    expect(done.data.counts).toMatchObject({ removed: 1, unchanged: 1 });
    expect(done.processing_warnings.map((w: string[]) => w[1])).toEqual([
      'Improper status "gone" for a family row (active or deleted)',
    ]);
    expect(await activeLinks(s)).toEqual([{ studentId: b.id, observerId: patId }]);
    expect(await observerEnrollments(patId)).toBe(1);
    expect(await userOf(s, `nobody.${s.tag}@home.test`)).toBeNull();
    expect(
      await db.auditEvent.count({
        where: { action: "link.removed", method: "sis", subjectId: a.id, targetId: patId },
      }),
    ).toBe(1);
  });

  it("OneRoster: tobedeleted removes; an enabledUser=false guardian gets no account or email and loses their links", async () => {
    const s = await importSchool({ students: 2 });
    const [a, b] = s.students;
    const robin = `robin.${s.tag}@home.test`;
    const casey = `casey.${s.tag}@home.test`;
    const row = (id: string, status: string, enabled: string, email: string, kids: string) =>
      `${id},${status},,${enabled},org1,parent,,,G,${id},,,${email},,,"${kids}",,`;
    await importNow(s, [
      csvFile("users.csv", [ONEROSTER, row(`G1-${s.tag}`, "active", "true", robin, `${a.sis},${b.sis}`)]),
    ]);
    expect(await activeLinks(s)).toHaveLength(2);

    const done = await importNow(s, [
      csvFile("users.csv", [
        ONEROSTER,
        row(`G1-${s.tag}`, "tobedeleted", "true", robin, a.sis),
        row(`G1-${s.tag}`, "active", "false", robin, b.sis),
        row(`G2-${s.tag}`, "active", "false", casey, a.sis),
      ]),
    ]);
    expect(done.data.counts).toMatchObject({ removed: 2, created: 0 });
    expect(await activeLinks(s)).toEqual([]);
    expect(await userOf(s, casey)).toBeNull();
    expect(await db.outboxEmail.count({ where: { to: casey } })).toBe(0);
  });

  it("a guardian or observer who is a student is a row error, unless confirm_student_observer says so", async () => {
    const s = await importSchool({ students: 3 });
    const [a, b, c] = s.students;
    const roster = await importNow(s, [
      csvFile("families.csv", [
        "student_sis_id,guardian_email,guardian_name,confirm_student_observer",
        `${a.sis},${b.login},Kid B,`,
        `${b.sis},${c.login},Kid C,true`,
      ]),
    ]);
    expect(roster.processing_warnings.map((w: string[]) => w[1])).toEqual([
      `Guardian ${b.login} is a student in this school, so they are not made an observer of ${a.sis} (add a confirm_student_observer column set to true if this is intended)`,
    ]);
    expect(await activeLinks(s)).toEqual([{ studentId: b.id, observerId: c.id }]);
    expect(await db.notification.count({ where: { userId: a.id, kind: "observer_linked" } })).toBe(0);

    const canvas = await importNow(s, [
      csvFile("user_observers.csv", ["observer_id,student_id,status", `${a.sis},${c.sis},active`]),
    ]);
    expect(canvas.processing_warnings.map((w: string[]) => w[1])).toEqual([
      `Observer ${a.sis} is a student in this school, so they are not made an observer of ${c.sis} (add a confirm_student_observer column set to true if this is intended)`,
    ]);
    expect(await activeLinks(s)).toHaveLength(1);
  });

  it("users.csv status=deleted: when the user's last login here goes, their links and observer enrollments go", async () => {
    const s = await importSchool({ students: 2 });
    const [a, b] = s.students;
    const t = s.tag;
    await importNow(s, [
      csvFile("users.csv", ["user_id,login_id,full_name,status", `P1-${t},p1.${t}@home.test,Pat,active`]),
      csvFile("user_observers.csv", [
        "observer_id,student_id,status",
        `P1-${t},${a.sis},active`,
        `P1-${t},${b.sis},active`,
      ]),
    ]);
    const pat = (await userOf(s, `p1.${t}@home.test`))!.userId;
    expect(await activeLinks(s)).toHaveLength(2);
    expect(await observerEnrollments(pat)).toBe(2);

    const done = await importNow(s, [
      csvFile("users.csv", ["user_id,login_id,full_name,status", `P1-${t},p1.${t}@home.test,Pat,deleted`]),
    ]);
    expect(done.data.counts).toMatchObject({ updated: 1 });
    expect(await activeLinks(s)).toEqual([]);
    expect(await observerEnrollments(pat)).toBe(0);
    expect(
      await db.auditEvent.count({ where: { action: "link.removed", method: "sis", targetId: pat } }),
    ).toBe(2);
  });
});
