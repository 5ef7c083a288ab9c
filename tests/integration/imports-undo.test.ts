// Issue 17 §6: "Undo this import" reverts an import's link changes (created and restored links
// removed, removed links restored, with their observer enrollments), skips pairs changed since,
// is refused after 30 days, twice, and to anyone but the school's admins; its dry run changes nothing.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { undoSisImport, undoUnavailable } from "../../lib/imports/undo.ts";
import { unlinkObservee } from "../../lib/observer-links/manage.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";
import { actorFor, makeAdmin, makeRootAccount, makeUser } from "../helpers/factory.ts";

type School = Awaited<ReturnType<typeof importSchool>>;
const HEADER = "student_sis_id,guardian_email,guardian_name,status";
const roster = (s: School, rows: [sis: string, who: string, status: string][]) =>
  importNow(s, [
    csvFile("families.csv", [
      HEADER,
      ...rows.map(([sis, who, st]) => `${sis},${who}.${s.tag}@home.test,${who},${st}`),
    ]),
  ]);
const links = async (s: School) =>
  (
    await db.observationLink.findMany({
      where: { rootAccountId: s.account.id, workflowState: "active" },
      select: { student: { select: { name: true } }, observer: { select: { name: true } } },
    })
  )
    .map((l) => `${l.observer.name}→${l.student.name.split(" ")[0]}`)
    .sort();
const observerEnrollments = (s: School) =>
  db.enrollment.count({ where: { rootAccountId: s.account.id, type: "observer", workflowState: "active" } });
const undo = (s: School, importId: number, dryRun: boolean, actor = s.adminActor) =>
  undoSisImport(actor, { accountId: s.account.id, importId, dryRun });

describe("undo an import", () => {
  it("reverts what it created, restored and removed; the dry run first changes nothing; never twice", async () => {
    const s = await importSchool({ students: 3 });
    const [a, b, c] = s.students.map((x) => x.sis);
    await roster(s, [
      [a, "Pat", "active"],
      [b, "Pat", "active"],
      [c, "Quinn", "active"],
    ]);
    await roster(s, [[b, "Pat", "deleted"]]);
    const third = await roster(s, [
      [b, "Pat", "active"],
      [c, "Quinn", "deleted"],
      [a, "Robin", "active"],
    ]);
    const after = ["Pat→Kid0", "Pat→Kid1", "Robin→Kid0"];
    expect(await links(s)).toEqual(after);
    expect(await observerEnrollments(s)).toBe(3);

    const preview = await undo(s, third.id, true);
    expect(preview).toMatchObject({ dryRun: true, removed: 2, restored: 1, skipped: 0, pairsTotal: 3 });
    expect(
      preview.pairs.map((p) => `${p.change} ${p.observerName}→${p.studentName.split(" ")[0]}`).sort(),
    ).toEqual(["remove Pat→Kid1", "remove Robin→Kid0", "restore Quinn→Kid2"]);
    expect(await links(s)).toEqual(after);
    expect(await observerEnrollments(s)).toBe(3);
    expect(await db.sisImport.findUnique({ where: { id: third.id }, select: { undoneAt: true } })).toEqual({
      undoneAt: null,
    });

    const done = await undo(s, third.id, false);
    expect(done).toMatchObject({ dryRun: false, removed: 2, restored: 1, skipped: 0 });
    expect(await links(s)).toEqual(["Pat→Kid0", "Quinn→Kid2"]);
    expect(await observerEnrollments(s)).toBe(2);
    const audit = await db.auditEvent.findFirst({
      where: { action: "sis_import.undone", rootAccountId: s.account.id },
      select: { actorId: true, data: true },
    });
    expect(audit).toEqual({
      actorId: s.admin.id,
      data: { sisImportId: third.id, removed: 2, restored: 1, skipped: 0 },
    });

    await expect(undo(s, third.id, false)).rejects.toThrow(/already undone/);
    await expect(undo(s, third.id, true)).rejects.toThrow(/already undone/);
    expect(await undoUnavailable(s.adminActor, { accountId: s.account.id, importId: third.id })).toMatch(
      /already undone/,
    );
  });

  it("skips a pair changed since (removed by hand, or re-linked by a later import) and leaves it so", async () => {
    const s = await importSchool({ students: 3 });
    const [a, b, c] = s.students.map((x) => x.sis);
    const first = await roster(s, [
      [a, "Pat", "active"],
      [b, "Pat", "active"],
      [c, "Quinn", "active"],
    ]);
    const pat = await db.login.findFirstOrThrow({
      where: { rootAccountId: s.account.id, uniqueIdNormalized: `pat.${s.tag}@home.test` },
      select: { userId: true },
    });
    await unlinkObservee(s.adminActor, { observerId: pat.userId, studentId: s.students[0].id });
    await roster(s, [[b, "Pat", "deleted"]]);
    await roster(s, [[b, "Pat", "active"]]);
    expect(await links(s)).toEqual(["Pat→Kid1", "Quinn→Kid2"]);

    const done = await undo(s, first.id, false);
    expect(done).toMatchObject({ removed: 1, restored: 0, skipped: 2 });
    expect(done.pairs.filter((p) => p.skipped).map((p) => p.skipped)).toEqual([
      "Changed since the import",
      "Changed since the import",
    ]);
    expect(await links(s)).toEqual(["Pat→Kid1"]);
  });

  it("is refused more than 30 days after the import ended, to non-admins and to another school's admin", async () => {
    const s = await importSchool({ students: 1 });
    const done = await roster(s, [[s.students[0].sis, "Pat", "active"]]);
    const student = actorFor(s.students[0], s.account.id);
    await expect(undo(s, done.id, true, student)).rejects.toMatchObject({ code: "unauthorized" });
    const other = await makeRootAccount();
    const otherAdmin = actorFor(await makeAdmin(other.id), other.id);
    await expect(undo(s, done.id, false, otherAdmin)).rejects.toMatchObject({ code: "not_found" });
    const parent = actorFor(await makeUser(s.account.id), s.account.id);
    await expect(undo(s, done.id, false, parent)).rejects.toMatchObject({ code: "unauthorized" });

    await db.sisImport.update({
      where: { id: done.id },
      data: { endedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) },
    });
    await expect(undo(s, done.id, true)).rejects.toThrow(
      /more than 30 days ago, so it can no longer be undone/,
    );
    await expect(undo(s, done.id, false)).rejects.toMatchObject({ code: "unprocessable" });
    expect(await links(s)).toEqual(["Pat→Kid0"]);
  });
});
