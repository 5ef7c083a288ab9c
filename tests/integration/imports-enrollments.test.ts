// Issue 17 §5: Canvas's enrollments.csv observer rows (role observer, associated_user_id) make,
// complete and delete course-level links — an observer enrollment in one course, associated to one
// student, with no account-level link — with Canvas's statuses and row messages.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { linkObserveeByAdmin, unlinkObservee } from "../../lib/observer-links/index.ts";
import { actorFor, makeUser, uid } from "../helpers/factory.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

const HEADER = "course_id,user_id,role,status,associated_user_id";

describe("enrollments.csv observer rows", () => {
  it("create, complete and delete a course-level observer enrollment; other rows get Canvas's messages", async () => {
    const s = await importSchool({ students: 2 });
    const course = `C-${s.tag}`;
    await db.course.update({ where: { id: s.course.id }, data: { sisCourseId: course } });
    const parent = await makeUser(s.account.id, { sisUserId: `P-${s.tag}` });
    const [kid, otherKid] = s.students;
    const file = (lines: string[]) => csvFile("district/enrollments.csv", [HEADER, ...lines]);
    const enrollment = () =>
      db.enrollment.findFirst({
        where: { courseId: s.course.id, userId: parent.id, type: "observer", associatedUserId: kid.id },
        select: { workflowState: true },
      });

    const dry = await importNow(s, [file([`${course},P-${s.tag},observer,active,${kid.sis}`])], {
      dryRun: true,
    });
    expect(dry.data.counts).toMatchObject({ enrollments: 1, linked: 1 });
    expect(await enrollment()).toBeNull();

    const first = await importNow(s, [
      file([
        `${course},P-${s.tag},observer,active,${kid.sis}`,
        `${course},P-${s.tag},student,active,`,
        `${course},${otherKid.sis},observer,active,${kid.sis}`,
        `${course},P-${s.tag},observer,active,NOPE-${s.tag}`,
        `NOCOURSE-${s.tag},P-${s.tag},observer,active,${kid.sis}`,
        `${course},P-${s.tag},observer,pending,${kid.sis}`,
      ]),
    ]);
    expect(first.data.supplied_batches).toEqual(["enrollments"]);
    expect(first.data.counts).toMatchObject({ enrollments: 1, linked: 1, warning_count: 5 });
    expect(first.processing_warnings.map(([f, m]: [string, string]) => `${f}: ${m}`)).toEqual([
      `district/enrollments.csv: Only observer enrollments are imported here (role observer with associated_user_id): the student role of user P-${s.tag} in course ${course} is skipped`,
      `district/enrollments.csv: Observer ${otherKid.sis} is a student in this school, so they are not made an observer of ${kid.sis} (add a confirm_student_observer column set to true if this is intended)`,
      `district/enrollments.csv: An enrollment referenced a non-existent associated user NOPE-${s.tag}`,
      `district/enrollments.csv: Neither course nor section existed for user enrollment (Course ID: NOCOURSE-${s.tag}, Section ID: , User ID: P-${s.tag})`,
      `district/enrollments.csv: Improper status "pending" for an enrollment`,
    ]);
    expect(await enrollment()).toEqual({ workflowState: "active" });
    // A link in that course only: no account-level link, no enrollment of the other student's.
    expect(await db.observationLink.count({ where: { observerId: parent.id } })).toBe(0);
    expect(await db.enrollment.count({ where: { userId: parent.id } })).toBe(1);
    const audited = await db.auditEvent.findMany({
      where: { targetId: parent.id },
      select: { action: true, method: true, subjectId: true, data: true },
    });
    expect(audited).toMatchObject([
      {
        action: "course_link.created",
        method: "sis",
        subjectId: kid.id,
        data: { to: "active", sisImportId: first.id },
      },
    ]);
    // The student hears of it, as of any new observer.
    expect(await db.notification.count({ where: { userId: kid.id, kind: "observer_linked" } })).toBe(1);

    const again = await importNow(s, [file([`${course},P-${s.tag},observer,active,${kid.sis}`])]);
    expect(again.data.counts).toMatchObject({ unchanged: 1, linked: 0 });

    const completed = await importNow(s, [file([`${course},P-${s.tag},observer,completed,${kid.sis}`])]);
    expect(completed.data.counts).toMatchObject({ removed: 1 });
    expect(await enrollment()).toEqual({ workflowState: "completed" });

    const deleted = await importNow(s, [file([`${course},P-${s.tag},observer,deleted,${kid.sis}`])]);
    expect(deleted.data.counts).toMatchObject({ removed: 1 });
    expect(await enrollment()).toEqual({ workflowState: "deleted" });
    expect(
      (
        await db.auditEvent.findMany({
          where: { targetId: parent.id },
          orderBy: { id: "asc" },
          select: { action: true },
        })
      ).map((e) => e.action),
    ).toEqual(["course_link.created", "course_link.removed", "course_link.removed"]);

    // Deleting an enrollment that never was makes none.
    const other = await makeUser(s.account.id, { sisUserId: `Q-${uid()}` });
    const none = await importNow(s, [
      file([
        `${course},${(await db.login.findFirstOrThrow({ where: { userId: other.id } })).sisUserId},observer,deleted,${kid.sis}`,
      ]),
    ]);
    expect(none.data.counts).toMatchObject({ unchanged: 1 });
    expect(await db.enrollment.count({ where: { userId: other.id } })).toBe(0);
  });

  it("a student as observer is linked when the row confirms it; the observed user must be in the course", async () => {
    const s = await importSchool({ students: 2, unenrolled: 1 });
    const course = `C-${s.tag}`;
    await db.course.update({ where: { id: s.course.id }, data: { sisCourseId: course } });
    const [kid, otherKid] = s.students;
    const done = await importNow(s, [
      csvFile("enrollments.csv", [
        `${HEADER},confirm_student_observer`,
        `${course},${otherKid.sis},observer,active,${kid.sis},true`,
        `${course},${otherKid.sis},observer,active,${s.unenrolled[0].sis},true`,
      ]),
    ]);
    expect(done.data.counts).toMatchObject({ linked: 1, warning_count: 1 });
    expect(done.processing_warnings).toEqual([
      [
        "enrollments.csv",
        `User ${s.unenrolled[0].sis} is not a student in course ${course}, so ${otherKid.sis} cannot observe them there`,
      ],
    ]);
    expect(
      await db.enrollment.count({
        where: { userId: otherKid.id, type: "observer", associatedUserId: kid.id, workflowState: "active" },
      }),
    ).toBe(1);
  });

  it("a course link the file names outlives an all-courses unlink of the same pair, as the People page's does", async () => {
    const s = await importSchool({ students: 1 });
    const course = `C-${s.tag}`;
    await db.course.update({ where: { id: s.course.id }, data: { sisCourseId: course } });
    const parent = await makeUser(s.account.id, { sisUserId: `P-${s.tag}` });
    const [kid] = s.students;
    await linkObserveeByAdmin(s.adminActor, { observerId: parent.id, studentId: kid.id });
    const here = () =>
      db.enrollment.findFirstOrThrow({
        where: { courseId: s.course.id, userId: parent.id, type: "observer", associatedUserId: kid.id },
        select: { workflowState: true, courseLink: true },
      });
    // The all-courses link already gave the enrollment: the row makes it this course's own, quietly.
    expect(await here()).toEqual({ workflowState: "active", courseLink: false });
    const named = await importNow(s, [
      csvFile("enrollments.csv", [HEADER, `${course},P-${s.tag},observer,active,${kid.sis}`]),
    ]);
    expect(named.data.counts).toMatchObject({ unchanged: 1, linked: 0 });
    expect(await here()).toEqual({ workflowState: "active", courseLink: true });
    await unlinkObservee(actorFor(parent, s.account.id), {
      observerId: parent.id,
      studentId: kid.id,
      rootAccountId: "all",
    });
    expect(await here()).toEqual({ workflowState: "active", courseLink: true });
    // So does a user_observers.csv that removes the (restored) all-courses link.
    await linkObserveeByAdmin(s.adminActor, { observerId: parent.id, studentId: kid.id });
    const removed = await importNow(s, [
      csvFile("user_observers.csv", ["observer_id,student_id,status", `P-${s.tag},${kid.sis},deleted`]),
    ]);
    expect(removed.data.counts).toMatchObject({ removed: 1 });
    expect(
      await db.observationLink.count({ where: { observerId: parent.id, workflowState: "active" } }),
    ).toBe(0);
    expect(await here()).toEqual({ workflowState: "active", courseLink: true });
  });
});
