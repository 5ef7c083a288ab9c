// Issue 17 §2, OneRoster 1.1 bundles: the files that do not concern observers are skipped with one
// note (not an error each), and the manifest's processing mode decides: a bulk users.csv is a
// snapshot (a guardian pair it no longer lists is removed), a delta only applies its tobedeleted rows.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { importNow, importSchool } from "../helpers/imports.ts";

const USERS =
  "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";
const text = (lines: string[]) => new TextEncoder().encode(lines.join("\n") + "\n");

describe("OneRoster bundles", () => {
  it("other files are one note; bulk is a snapshot of the data set, delta applies only tobedeleted", async () => {
    const s = await importSchool({ students: 2 });
    const [a, b] = s.students;
    const guardian = (id: string, status: string, kids: string) =>
      `${id},${status},,true,org1,parent,,,G,${id},,,${id.toLowerCase()}@home.test,,,"${kids}",,`;
    const bundle = (mode: "bulk" | "delta", rows: string[]) => ({
      name: "oneroster.zip",
      data: zipSync({
        "export/manifest.csv": text([
          "propertyName,value",
          "manifest.version,1.0",
          "oneroster.version,1.1",
          `file.users,${mode}`,
          "file.orgs,bulk",
        ]),
        "export/orgs.csv": text([
          "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
          "org1,,,High,school,,",
        ]),
        "export/classes.csv": text([
          "sourcedId,status,dateLastModified,title,courseSourcedId,classCode",
          "c1,,,Maths,k1,M1",
        ]),
        "export/enrollments.csv": text([
          "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
          `e1,,,c1,org1,${a.sis},student,,,`,
        ]),
        "export/users.csv": text([USERS, ...rows]),
      }),
    });
    const links = () =>
      db.observationLink.count({ where: { rootAccountId: s.account.id, workflowState: "active" } });

    const first = await importNow(s, [
      bundle("bulk", [guardian(`G1-${s.tag}`, "active", a.sis), guardian(`G2-${s.tag}`, "active", b.sis)]),
    ]);
    expect(first.workflow_state).toBe("imported");
    expect(first.processing_errors).toEqual([]);
    expect(first.processing_notes).toEqual([
      "OneRoster: classes.csv, enrollments.csv, manifest.csv, orgs.csv do not concern observers and were skipped (users.csv is read)",
    ]);
    expect(first.diffing_data_set_identifier).toBe("oneroster");
    expect(await links()).toBe(2);

    // The next bulk export lists G1 only: G2's pair is gone from the SIS (1 of 2: the threshold is raised).
    const second = await importNow(s, [bundle("bulk", [guardian(`G1-${s.tag}`, "active", a.sis)])], {
      diffing: { dataSet: "oneroster", changeThreshold: 50 },
    });
    expect(second.workflow_state).toBe("imported");
    expect(second.data.counts).toMatchObject({ removed: 1 });
    expect(await links()).toBe(1);

    // A delta lists changes only: G1 absent is unchanged; G2 back, then a tobedeleted row removes G1.
    const delta = await importNow(s, [bundle("delta", [guardian(`G2-${s.tag}`, "active", b.sis)])]);
    expect(delta.diffing_data_set_identifier).toBeNull();
    expect(await links()).toBe(2);
    const removal = await importNow(s, [bundle("delta", [guardian(`G1-${s.tag}`, "tobedeleted", a.sis)])], {
      diffing: { dataSet: "oneroster" },
    });
    expect(removal.processing_notes).toContain(
      'The OneRoster manifest says users.csv is a delta (changes only): not compared with data set "oneroster"; its tobedeleted rows remove',
    );
    expect(removal.data.counts).toMatchObject({ removed: 1 });
    expect(await links()).toBe(1);
  });

  it("relations listed on the student's row count; the student's SIS id may be their identifier", async () => {
    const s = await importSchool({ students: 2 });
    const [a, b] = s.students;
    // Students exported under the OneRoster system's own sourcedIds; their SIS ids here are the identifiers.
    const student = (id: string, sis: string, agents: string) =>
      `${id},active,,true,org1,student,${id}.user,,Kid,${id},,${sis},,,,"${agents}",,`;
    const guardian = (id: string, kids: string) =>
      `${id},active,,true,org1,guardian,,,G,${id},,,${id.toLowerCase()}@home.test,,,"${kids}",,`;
    const file = {
      name: "users.csv",
      data: text([
        USERS,
        guardian(`G3-${s.tag}`, ""),
        guardian(`G4-${s.tag}`, `stu-b-${s.tag}`),
        student(`stu-a-${s.tag}`, a.sis, `G3-${s.tag}`),
        student(`stu-b-${s.tag}`, b.sis, ""),
      ]),
    };
    const observed = async (guardianSis: string) => {
      const login = await db.login.findFirst({
        where: { rootAccountId: s.account.id, sisUserId: guardianSis },
      });
      if (!login) return [];
      const links = await db.observationLink.findMany({
        where: { observerId: login.userId, workflowState: "active" },
        select: { studentId: true },
      });
      return links.map((l) => l.studentId);
    };

    // By sourcedId (the default) these students are not found here.
    const bySourcedId = await importNow(s, [file], { dryRun: true });
    expect(bySourcedId.data.counts).toMatchObject({ linked: 0, created: 0, warning_count: 2 });

    const done = await importNow(s, [file], { oneRosterStudentId: "identifier" });
    expect(done.workflow_state).toBe("imported");
    expect(await observed(`G3-${s.tag}`)).toEqual([a.id]);
    expect(await observed(`G4-${s.tag}`)).toEqual([b.id]);
  });
});
