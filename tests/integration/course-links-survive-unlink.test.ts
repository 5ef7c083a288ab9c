import { describe, expect, it } from "vitest";
import { addCourseObserver, listObservedStudents } from "../../lib/courses/index.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import {
  followStudentEnrollmentTx,
  linkObserveeByAdmin,
  unlinkObservee,
} from "../../lib/observer-links/index.ts";
import { db } from "../../lib/platform/db.ts";
import { world } from "../helpers/api-world.ts";
import { actorFor, makeCourse, uid } from "../helpers/factory.ts";

// A course-level link (made on a People page) and an all-courses link to the same student share
// one observer enrollment in that course; removing the all-courses link must leave the course the
// People page gave, and restoring it must bring back every course it gave.
describe("course-level links outlive an all-courses link", () => {
  async function setup() {
    const w = await world();
    const other = await makeCourse(w.sub.id, `Other ${uid()}`);
    await enrollUser({ courseId: other.id, userId: w.student.id, type: "student" });
    const admin = actorFor(w.admin, w.root.id);
    const parent = actorFor(w.parent, w.root.id);
    const seen = async () => {
      const [s] = (await listObservedStudents(parent)).students;
      return s ? { allCourses: s.allCourses, courses: s.courses.map((c) => c.id).sort() } : null;
    };
    const link = () => linkObserveeByAdmin(admin, { observerId: w.parent.id, studentId: w.student.id });
    const unlink = () =>
      unlinkObservee(parent, { observerId: w.parent.id, studentId: w.student.id, rootAccountId: "all" });
    const addHere = () =>
      addCourseObserver(admin, { courseId: w.course.id, email: w.parent.login, studentIds: [w.student.id] });
    return { w, other, seen, link, unlink, addHere };
  }

  it("a course link made before the all-courses link stays after an unlink; a restore brings back the rest", async () => {
    const { w, other, seen, link, unlink, addHere } = await setup();
    await addHere();
    await link();
    const both = [w.course.id, other.id].sort();
    expect(await seen()).toEqual({ allCourses: true, courses: both });
    await unlink();
    expect(await seen()).toEqual({ allCourses: false, courses: [w.course.id] });
    await link();
    expect(await seen()).toEqual({ allCourses: true, courses: both });
    await unlink();
    expect(await seen()).toEqual({ allCourses: false, courses: [w.course.id] });
  });

  it("a course link made while the all-courses link already covered that course also stays", async () => {
    const { w, seen, link, unlink, addHere } = await setup();
    await link();
    await addHere();
    await unlink();
    expect(await seen()).toEqual({ allCourses: false, courses: [w.course.id] });
  });

  it("without a course link, an unlink removes every course, as before", async () => {
    const { seen, link, unlink } = await setup();
    await link();
    await unlink();
    expect(await seen()).toBeNull();
  });

  it("a course link follows the student's enrollment out and back in", async () => {
    const { w, seen, addHere } = await setup();
    await addHere();
    const follow = (state: "completed" | "active") =>
      db.$transaction((tx) =>
        followStudentEnrollmentTx(tx, {
          studentId: w.student.id,
          courseId: w.course.id,
          rootAccountId: w.root.id,
          state,
        }),
      );
    await follow("completed");
    const state = () =>
      db.enrollment.findFirstOrThrow({
        where: { courseId: w.course.id, userId: w.parent.id, type: "observer" },
        select: { workflowState: true },
      });
    expect(await state()).toEqual({ workflowState: "completed" });
    await follow("active");
    expect(await state()).toEqual({ workflowState: "active" });
    expect(await seen()).toEqual({ allCourses: false, courses: [w.course.id] });
  });
});
