import { describe, expect, it } from "vitest";
import {
  addCourseObserver,
  approveObserverRequest,
  declineObserverRequest,
  listCourseRequests,
  listObservedStudents,
  listRequestQueue,
  observerRequestStates,
  requestAnotherCourse,
} from "../../lib/courses/index.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { db } from "../../lib/platform/db.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { person, world } from "../helpers/api-world.ts";
import { actorFor, makeCourse, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";

const expectAppError = async (p: Promise<unknown>, code: string) =>
  expect((await errorOf(p)).code).toBe(code);
const page = pageRequest({});

// An observer who sees a student in one course asks to observe them in another; the other
// course's staff (or an admin) approve it there or decline it, once; the observer is told.
describe("asking to observe a student in another course", () => {
  async function setup() {
    const w = await world();
    await db.account.update({
      where: { id: w.root.id },
      data: { teachersMayLinkObservers: true, observerContact: "Office 555-0100" },
    });
    const other = await makeCourse(w.sub.id, `Art ${uid()}`);
    const otherTeacher = await person(w.root.id, "ArtTeacher");
    await enrollUser({ courseId: other.id, userId: w.student.id, type: "student" });
    await enrollUser({ courseId: other.id, userId: otherTeacher.id, type: "teacher" });
    await db.user.update({ where: { id: w.parent.id }, data: { email: `parent.${uid()}@example.test` } });
    const teacher = actorFor(w.teacher, w.root.id);
    await addCourseObserver(teacher, {
      courseId: w.course.id,
      email: w.parent.login,
      studentIds: [w.student.id],
    });
    return {
      w,
      other,
      teacher,
      parent: actorFor(w.parent, w.root.id),
      artTeacher: actorFor(otherTeacher, w.root.id),
      admin: actorFor(w.admin, w.root.id),
    };
  }

  it("approving: one open request, seen only where it can be granted, approved once under a race", async () => {
    const { w, other, teacher, parent, artTeacher, admin } = await setup();
    expect(await observerRequestStates(parent, [w.student.id])).toEqual(
      new Map([[w.student.id, { otherCourses: 1, pendingSince: null }]]),
    );
    // Only someone observing the student here may ask; the note has a limit.
    await expectAppError(
      requestAnotherCourse(actorFor(w.stranger, w.root.id), { studentId: w.student.id }),
      "not_found",
    );
    await expectAppError(
      requestAnotherCourse(actorFor(w.parent, w.other.id), { studentId: w.student.id }),
      "not_found",
    );
    await expectAppError(
      requestAnotherCourse(parent, { studentId: w.student.id, note: "x".repeat(501) }),
      "bad_request",
    );
    const { id } = await requestAnotherCourse(parent, { studentId: w.student.id, note: "Art with Ms B" });
    await expectAppError(requestAnotherCourse(parent, { studentId: w.student.id }), "conflict");
    expect(
      (await observerRequestStates(parent, [w.student.id])).get(w.student.id)?.pendingSince,
    ).toBeInstanceOf(Date);

    // The course the parent already observes has nothing to grant; the other course shows it.
    expect(await listCourseRequests(teacher, w.course.id)).toEqual([]);
    const waiting = await listCourseRequests(artTeacher, other.id);
    expect(waiting.map((r) => [r.id, r.note, r.observer.id, r.student.id])).toEqual([
      [id, "Art with Ms B", w.parent.id, w.student.id],
    ]);

    // Nobody else may answer it: another school, a teacher of another course, the parent, the student.
    const otherSchool = actorFor(w.otherAdmin, w.other.id);
    await expectAppError(
      approveObserverRequest(otherSchool, { requestId: id, courseId: other.id }),
      "not_found",
    );
    await expectAppError(declineObserverRequest(otherSchool, { requestId: id }), "not_found");
    await expectAppError(approveObserverRequest(teacher, { requestId: id, courseId: other.id }), "not_found");
    await expectAppError(
      approveObserverRequest(teacher, { requestId: id, courseId: w.course.id }),
      "not_found",
    );
    await expectAppError(declineObserverRequest(parent, { requestId: id }), "not_found");
    await expectAppError(
      declineObserverRequest(actorFor(w.student, w.root.id), { requestId: id }),
      "not_found",
    );
    await expectAppError(declineObserverRequest(admin, { requestId: id + 1_000_000 }), "not_found");

    // Two approvers at once: one link, one answer.
    const results = await Promise.allSettled([
      approveObserverRequest(artTeacher, { requestId: id, courseId: other.id }),
      approveObserverRequest(admin, { requestId: id, courseId: other.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    // The loser hears it was answered, whether it looked before or after the winner's link made
    // that course an observed one; so does anyone who could have answered it, later.
    expect(lost.reason.code).toBe("conflict");
    await expectAppError(declineObserverRequest(admin, { requestId: id }), "conflict");
    await expectAppError(declineObserverRequest(otherSchool, { requestId: id }), "not_found");

    const [seen] = (await listObservedStudents(parent)).students;
    expect(seen.courses.map((c) => c.id).sort()).toEqual([w.course.id, other.id].sort());
    expect(seen.allCourses).toBe(false);
    expect(
      await db.enrollment.findFirst({
        where: { courseId: other.id, userId: w.parent.id, associatedUserId: w.student.id },
        select: { workflowState: true, courseLink: true },
      }),
    ).toEqual({ workflowState: "active", courseLink: true });
    expect(
      await db.observerRequest.findUnique({ where: { id }, select: { workflowState: true, courseId: true } }),
    ).toEqual({ workflowState: "approved", courseId: other.id });
    const told = await db.notification.findMany({
      where: { userId: w.parent.id, kind: "observer_request_approved" },
      select: { subject: true },
    });
    expect(told).toEqual([{ subject: `You can now observe ${w.student.name} in ${other.name}` }]);
    expect(await db.outboxEmail.count({ where: { subject: told[0].subject } })).toBe(1);
    expect(
      await db.auditEvent.groupBy({
        by: ["action"],
        where: { action: { startsWith: "observer_request." }, subjectId: w.student.id },
        _count: true,
        orderBy: { action: "asc" },
      }),
    ).toEqual([
      { action: "observer_request.approved", _count: 1 },
      { action: "observer_request.created", _count: 1 },
    ]);
    // Nothing is left to ask for.
    await expectAppError(requestAnotherCourse(parent, { studentId: w.student.id }), "conflict");
    expect(await listCourseRequests(artTeacher, other.id)).toEqual([]);
  });

  it("declining from the admin queue: the queue names the courses, other schools see nothing, the observer is told", async () => {
    const { w, other, parent, admin } = await setup();
    const { id } = await requestAnotherCourse(parent, { studentId: w.student.id });
    const queue = await listRequestQueue(admin, { page });
    expect(queue.rows.map((r) => [r.id, r.courses.map((c) => c.id)])).toEqual([[id, [other.id]]]);
    expect((await listRequestQueue(actorFor(w.otherAdmin, w.other.id), { page })).rows).toEqual([]);
    await expectAppError(listRequestQueue(actorFor(w.teacher, w.root.id), { page }), "unauthorized");
    await declineObserverRequest(admin, { requestId: id });
    await expectAppError(approveObserverRequest(admin, { requestId: id, courseId: other.id }), "conflict");
    expect((await listRequestQueue(admin, { page })).rows).toEqual([]);
    const told = await db.notification.findFirstOrThrow({
      where: { userId: w.parent.id, kind: "observer_request_declined" },
      select: { body: true },
    });
    expect(told.body).toContain("Office 555-0100");
    const [seen] = (await listObservedStudents(parent)).students;
    expect(seen.courses.map((c) => c.id)).toEqual([w.course.id]);
    // A declined request may be asked again.
    expect(await requestAnotherCourse(parent, { studentId: w.student.id })).toMatchObject({
      id: expect.any(Number),
    });
  });

  it("two requests at once make one", async () => {
    const { w, parent } = await setup();
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => requestAnotherCourse(parent, { studentId: w.student.id })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.observerRequest.count({ where: { observerId: w.parent.id } })).toBe(1);
  });
});
