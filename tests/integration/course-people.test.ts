import { describe, expect, it } from "vitest";
import { addCourseObserver, getCoursePeople, listObservedStudents } from "../../lib/courses/index.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { linkObserveeByAdmin } from "../../lib/observer-links/index.ts";
import { db } from "../../lib/platform/db.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { person, world } from "../helpers/api-world.ts";
import { actorFor, makeCourse, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";

const expectAppError = async (p: Promise<unknown>, code: string) =>
  expect((await errorOf(p)).code).toBe(code);

const page = pageRequest({});

describe("the course People page and what a parent sees", () => {
  it("adds an existing or invited observer for chosen students; the page tells all-courses from this-course links", async () => {
    const w = await world();
    const teacher = actorFor(w.teacher, w.root.id);
    const admin = actorFor(w.admin, w.root.id);
    const classmate = await person(w.root.id, "Classmate");
    await enrollUser({ courseId: w.course.id, userId: classmate.id, type: "student" });
    const add = (input: { email: string; name?: string; studentIds: number[] }) =>
      addCourseObserver(teacher, { courseId: w.course.id, ...input });
    // Teachers only where the school allows it; admins always.
    await expectAppError(add({ email: w.stranger.login, studentIds: [w.student.id] }), "unauthorized");
    await db.account.update({ where: { id: w.root.id }, data: { teachersMayLinkObservers: true } });
    expect(
      await add({ email: w.stranger.login.toUpperCase(), studentIds: [w.student.id, classmate.id] }),
    ).toEqual({ observerName: w.stranger.name, invited: false });
    // Who made them is kept on the enrollments (issue 18 §3), not only in the audit log.
    expect(
      await db.enrollment.findMany({
        where: { userId: w.stranger.id, courseId: w.course.id, type: "observer" },
        select: { source: true, createdById: true },
      }),
    ).toEqual([
      { source: "teacher", createdById: w.teacher.id },
      { source: "teacher", createdById: w.teacher.id },
    ]);
    const email = `new.parent.${uid()}@example.test`;
    await expectAppError(add({ email, studentIds: [w.student.id] }), "bad_request");
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await add({ email, name: "Nia New", studentIds: [w.student.id] })).toEqual({
      observerName: "Nia New",
      invited: true,
    });
    const setup = await db.outboxEmail.findFirst({ where: { to: email }, select: { setupLink: true } });
    expect(setup?.setupLink).toBeTruthy();
    await expectAppError(add({ email: w.parent.login, studentIds: [w.teacher.id] }), "bad_request");
    await expectAppError(add({ email: classmate.login, studentIds: [w.student.id] }), "unprocessable");
    await linkObserveeByAdmin(admin, { observerId: w.parent.id, studentId: w.student.id });
    const people = await getCoursePeople(teacher, w.course.id, { q: "", page });
    expect(people.mayLink).toBe(true);
    const sam = people.students.find((s) => s.id === w.student.id)!;
    expect(sam.observers.map((o) => [o.name, o.scope]).sort()).toEqual(
      [
        ["Nia New", "course"],
        [w.parent.name, "all"],
        [w.stranger.name, "course"],
      ].sort(),
    );
    expect(people.choices.map((c) => c.id).sort()).toEqual([w.student.id, classmate.id].sort());
    // Students, parents and other schools do not read the page.
    await expectAppError(
      getCoursePeople(actorFor(w.student, w.root.id), w.course.id, { q: "", page }),
      "unauthorized",
    );
    await expectAppError(
      getCoursePeople(actorFor(w.otherAdmin, w.other.id), w.course.id, { q: "", page }),
      "not_found",
    );
  });

  it("Observing: per student the courses observed and how, their teachers, the contact line; no other course named", async () => {
    const w = await world();
    await db.account.update({ where: { id: w.root.id }, data: { observerContact: "Office: 555-0100" } });
    const other = await makeCourse(w.sub.id, `Other ${uid()}`);
    await enrollUser({ courseId: other.id, userId: w.student.id, type: "student" });
    const admin = actorFor(w.admin, w.root.id);
    await addCourseObserver(admin, {
      courseId: w.course.id,
      email: w.stranger.login,
      studentIds: [w.student.id],
    });
    expect(
      await db.enrollment.findFirst({
        where: { userId: w.stranger.id, courseId: w.course.id, type: "observer" },
        select: { source: true, createdById: true },
      }),
    ).toEqual({ source: "root_admin", createdById: w.admin.id });
    const seen = await listObservedStudents(actorFor(w.stranger, w.root.id));
    expect(seen.school).toEqual({ name: w.root.name, observerContact: "Office: 555-0100" });
    expect(seen.students).toEqual([
      {
        id: w.student.id,
        name: w.student.name,
        allCourses: false,
        courses: [{ id: w.course.id, name: w.course.name, teachers: [w.teacher.name] }],
      },
    ]);
    await linkObserveeByAdmin(admin, { observerId: w.parent.id, studentId: w.student.id });
    const parent = await listObservedStudents(actorFor(w.parent, w.root.id));
    expect(parent.students[0]).toMatchObject({ allCourses: true });
    expect(parent.students[0].courses.map((c) => c.id).sort()).toEqual([w.course.id, other.id].sort());
    // Another school's site shows none of this school's students.
    expect((await listObservedStudents(actorFor(w.stranger, w.other.id))).students).toEqual([]);
  });
});
