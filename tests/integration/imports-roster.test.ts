import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { listSisImportErrors } from "../../lib/imports/imports.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

function roster(s: Awaited<ReturnType<typeof importSchool>>) {
  const [a, b, c] = s.students;
  return csvFile("families.csv", [
    "student_sis_id,guardian_email,guardian_name,relationship",
    `${a.sis},pat.${s.tag}@home.test,Pat Parent,mother`,
    `${b.sis},PAT.${s.tag}@home.test,Pat Parent,mother`, // a sibling: the same guardian, any case
    `${c.sis},lee.${s.tag}@home.test,Lee Guardian,guardian`,
    `nobody-${s.tag},sam.${s.tag}@home.test,Sam,father`,
    `${a.sis},not-an-email,Bad Email,father`,
    `${s.unenrolled[0].sis},kim.${s.tag}@home.test,Kim,aunt`,
  ]);
}

const linksOf = (studentIds: number[]) =>
  db.observationLink.findMany({
    where: { studentId: { in: studentIds }, workflowState: "active" },
    select: { studentId: true, observerId: true, method: true },
  });

describe("family roster import", () => {
  it("dry run reports what would happen and writes nothing; the run does it; a rerun changes nothing", async () => {
    const s = await importSchool({ students: 3, unenrolled: 1 });
    const ids = s.students.map((x) => x.id);

    const dry = await importNow(s, [roster(s)], { dryRun: true });
    expect(dry.workflow_state).toBe("imported_with_messages");
    expect(dry.data.import_type).toBe("family_roster");
    expect(dry.data.counts).toMatchObject({
      families: 3,
      created: 2,
      linked: 1,
      unchanged: 0,
      warning_count: 3,
    });
    expect(await linksOf(ids)).toEqual([]);
    expect(await db.login.count({ where: { uniqueIdNormalized: `pat.${s.tag}@home.test` } })).toBe(0);

    const real = await importNow(s, [roster(s)]);
    expect(real.workflow_state).toBe("imported_with_messages");
    expect(real.progress).toBe(100);
    expect(real.data.counts).toMatchObject({
      families: 3,
      created: 2,
      linked: 1,
      unchanged: 0,
      warning_count: 3,
    });
    const links = await linksOf(ids);
    expect(links).toHaveLength(3);
    expect(links.every((l) => l.method === "sis")).toBe(true);
    const pat = await db.login.findFirstOrThrow({
      where: { rootAccountId: s.account.id, uniqueIdNormalized: `pat.${s.tag}@home.test` },
      select: { userId: true, passwordHash: true },
    });
    expect(pat.passwordHash).toBeNull();
    expect(
      links
        .filter((l) => l.observerId === pat.userId)
        .map((l) => l.studentId)
        .sort(),
    ).toEqual([s.students[0].id, s.students[1].id].sort());
    // The guardian observes the student's course; one setup email per new guardian.
    expect(
      await db.enrollment.count({ where: { userId: pat.userId, type: "observer", workflowState: "active" } }),
    ).toBe(2);
    const setup = await db.outboxEmail.findMany({
      where: {
        to: { in: [`pat.${s.tag}@home.test`, `lee.${s.tag}@home.test`] },
        subject: { contains: "account is ready" },
      },
    });
    expect(setup).toHaveLength(2);
    const audits = await db.auditEvent.count({
      where: { action: "link.created", method: "sis", subjectId: { in: ids } },
    });
    expect(audits).toBe(3);
    expect(await db.notification.count({ where: { userId: { in: ids }, kind: "observer_linked" } })).toBe(3);

    const errors = await listSisImportErrors(s.adminActor, {
      accountId: s.account.id,
      importId: real.id,
      page: pageRequest({ per_page: 50 }),
    });
    expect(errors.items.map((e) => [e.row, e.message])).toEqual([
      [5, `No student with the SIS id "nobody-${s.tag}" in this school`],
      [6, `The guardian email "not-an-email" is not a valid email address`],
      [7, `Student ${s.unenrolled[0].sis} has no active enrollment, so there is nothing to observe yet`],
    ]);

    const again = await importNow(s, [roster(s)]);
    expect(again.data.counts).toMatchObject({ families: 3, created: 0, linked: 0, unchanged: 3 });
    expect(await linksOf(ids)).toHaveLength(3);
    expect(await db.login.count({ where: { uniqueIdNormalized: `pat.${s.tag}@home.test` } })).toBe(1);
    expect(await db.notification.count({ where: { userId: { in: ids }, kind: "observer_linked" } })).toBe(3);
  });
});
