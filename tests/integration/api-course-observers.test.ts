import { describe, expect, it } from "vitest";
import * as enrollments from "../../app/api/v1/courses/[course_id]/enrollments/route.ts";
import * as enrollment from "../../app/api/v1/courses/[course_id]/enrollments/[id]/route.ts";
import * as users from "../../app/api/v1/courses/[course_id]/users/route.ts";
import { db } from "../../lib/platform/db.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { client, NOT_FOUND, person, UNAUTHORIZED, world, type World } from "../helpers/api-world.ts";
import { linkParent } from "../helpers/api-links.ts";
import { makeCourse } from "../helpers/factory.ts";

const observe = (w: World, token: string, body: Record<string, unknown>, courseId = w.course.id) =>
  client(w)(enrollments.POST, {
    method: "POST",
    url: `/courses/${courseId}/enrollments`,
    params: { course_id: String(courseId) },
    token,
    json: body,
  });
const asObserver = (observerId: number, studentId: number, extra: Record<string, unknown> = {}) => ({
  enrollment: {
    user_id: String(observerId),
    type: "ObserverEnrollment",
    associated_user_id: String(studentId),
    enrollment_state: "active",
  },
  ...extra,
});
const listUsers = (w: World, token: string, q = "", courseId = w.course.id) =>
  client(w)(users.GET, {
    url: `/courses/${courseId}/users${q}`,
    params: { course_id: String(courseId) },
    token,
  });
const end = (w: World, token: string, id: number, task?: string, courseId = w.course.id) =>
  client(w)(enrollment.DELETE, {
    method: "DELETE",
    url: `/courses/${courseId}/enrollments/${id}${task ? `?task=${task}` : ""}`,
    params: { course_id: String(courseId), id: String(id) },
    token,
  });

describe("course-level observers through the API", () => {
  it("a teacher links an observer in one course where the school allows it; the student is told; audited", async () => {
    const w = await world();
    expect((await observe(w, w.teacher.token, asObserver(w.stranger.id, w.student.id))).status).toBe(401);
    await db.account.update({ where: { id: w.root.id }, data: { teachersMayLinkObservers: true } });
    const res = await observe(w, w.teacher.token, asObserver(w.stranger.id, w.student.id));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      type: "ObserverEnrollment",
      user_id: w.stranger.id,
      associated_user_id: w.student.id,
      enrollment_state: "active",
    });
    // No account-level link: this course only.
    expect(await db.observationLink.count({ where: { observerId: w.stranger.id } })).toBe(0);
    const notices = await db.notification.findMany({
      where: { userId: w.student.id },
      select: { subject: true },
    });
    expect(notices.map((n) => n.subject)).toEqual([expect.stringContaining(`in ${w.course.name} only`)]);
    const audit = await db.auditEvent.findMany({
      where: { action: "course_link.created", subjectId: w.student.id },
      select: { actorId: true, targetId: true, data: true },
    });
    expect(audit).toMatchObject([
      { actorId: w.teacher.id, targetId: w.stranger.id, data: { courseId: w.course.id } },
    ]);
    // Idempotent: no second notice.
    expect((await observe(w, w.teacher.token, asObserver(w.stranger.id, w.student.id))).json.id).toBe(
      res.json.id,
    );
    expect(await db.notification.count({ where: { userId: w.student.id } })).toBe(1);
    // Students and other members may not; another school's token is anonymous here.
    expect((await observe(w, w.student.token, asObserver(w.stranger.id, w.student.id))).json).toEqual(
      UNAUTHORIZED,
    );
    expect((await observe(w, w.otherAdmin.token, asObserver(w.stranger.id, w.student.id))).status).toBe(401);
  });

  it("refuses a student as observer unless confirmed, someone not in the course as the student, and oneself", async () => {
    const w = await world();
    const classmate = await person(w.root.id, "Classmate");
    await enrollUser({ courseId: w.course.id, userId: classmate.id, type: "student" });
    const refused = await observe(w, w.admin.token, asObserver(classmate.id, w.student.id));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.json)).toContain("is enrolled as a student");
    const confirmed = await observe(
      w,
      w.admin.token,
      asObserver(classmate.id, w.student.id, { confirm_student_observer: "true" }),
    );
    expect(confirmed.status).toBe(200);
    const notStudent = await observe(w, w.admin.token, asObserver(w.parent.id, w.teacher.id));
    expect(notStudent.status).toBe(400);
    expect(notStudent.json.errors[0].message).toContain("enrollment[associated_user_id]");
    expect((await observe(w, w.admin.token, asObserver(w.student.id, w.student.id))).status).toBe(422);
    const foreigner = await observe(w, w.admin.token, asObserver(w.otherMember.id, w.student.id));
    expect(foreigner.json.errors[0].message).toContain("enrollment[user_id]");
  });

  it("GET /courses/:id/users: observers with observed_users, types, search, pagination; staff only", async () => {
    const w = await world();
    await linkParent(w); // an all-courses link: the parent observes in the course too
    await observe(w, w.admin.token, asObserver(w.stranger.id, w.student.id));
    const observers = await listUsers(
      w,
      w.teacher.token,
      "?enrollment_type[]=observer&include[]=observed_users",
    );
    expect(observers.status).toBe(200);
    expect(observers.json.map((u: { id: number }) => u.id).sort()).toEqual(
      [w.parent.id, w.stranger.id].sort(),
    );
    for (const u of observers.json) {
      expect(u.enrollments).toHaveLength(1);
      expect(u.enrollments[0]).toMatchObject({
        type: "ObserverEnrollment",
        associated_user_id: w.student.id,
        observed_user: { id: w.student.id, name: w.student.name },
      });
      expect(u.enrollments[0]).not.toHaveProperty("user");
    }
    const all = await listUsers(w, w.admin.token, "?per_page=2");
    expect(all.json).toHaveLength(2);
    expect(all.headers.get("link")).toContain('rel="next"');
    expect(all.json[0]).toHaveProperty("login_id"); // admins see logins
    const plain = await listUsers(w, w.teacher.token, "?enrollment_type[]=student");
    expect(plain.json).toEqual([expect.objectContaining({ id: w.student.id })]);
    expect(plain.json[0]).not.toHaveProperty("enrollments");
    expect(plain.json[0]).not.toHaveProperty("login_id");
    const withEnrollments = await listUsers(
      w,
      w.teacher.token,
      "?enrollment_type[]=teacher&include[]=enrollments",
    );
    expect(withEnrollments.json[0].enrollments[0]).toMatchObject({ type: "TeacherEnrollment" });
    const found = await listUsers(w, w.teacher.token, `?search_term=${encodeURIComponent(w.stranger.name)}`);
    expect(found.json.map((u: { id: number }) => u.id)).toEqual([w.stranger.id]);
    expect((await listUsers(w, w.teacher.token, "?search_term=x")).status).toBe(400);
    expect((await listUsers(w, w.teacher.token, "?enrollment_type[]=bogus")).status).toBe(400);
    expect((await listUsers(w, w.teacher.token, "?enrollment_type[]=designer")).json).toEqual([]);
    expect((await listUsers(w, w.student.token)).json).toEqual(UNAUTHORIZED);
    expect((await listUsers(w, w.parent.token)).status).toBe(401);
    expect((await listUsers(w, w.stranger.token)).status).toBe(401); // a member of the school outside the course
    expect((await listUsers(w, w.otherAdmin.token)).status).toBe(401); // another school's token
    expect((await listUsers(w, w.admin.token, "", 999_999_999)).json).toEqual(NOT_FOUND);
  });

  it("DELETE /courses/:id/enrollments/:id: tasks, teachers only for course-level links, other courses' ids 404", async () => {
    const w = await world({});
    await db.account.update({ where: { id: w.root.id }, data: { teachersMayLinkObservers: true } });
    await linkParent(w);
    const mine = await observe(w, w.teacher.token, asObserver(w.stranger.id, w.student.id));
    const parentEnrollment = await db.enrollment.findFirstOrThrow({
      where: { userId: w.parent.id, courseId: w.course.id },
      select: { id: true },
    });
    // The all-courses link is the school's to remove, not the teacher's.
    expect((await end(w, w.teacher.token, parentEnrollment.id, "delete")).status).toBe(401);
    expect((await end(w, w.student.token, mine.json.id, "delete")).status).toBe(401);
    // Another course's enrollment, by this course's path: not found.
    const elsewhere = await makeCourse(w.sub.id);
    await enrollUser({ courseId: elsewhere.id, userId: w.teacher.id, type: "teacher" });
    expect((await end(w, w.teacher.token, mine.json.id, "delete", elsewhere.id)).json).toEqual(NOT_FOUND);
    expect((await end(w, w.otherAdmin.token, mine.json.id, "delete")).status).toBe(401);
    const concluded = await end(w, w.teacher.token, mine.json.id);
    expect(concluded.json).toMatchObject({ id: mine.json.id, enrollment_state: "completed" });
    const deleted = await end(w, w.teacher.token, mine.json.id, "delete");
    expect(deleted.json).toMatchObject({ enrollment_state: "deleted" });
    expect((await end(w, w.teacher.token, mine.json.id, "delete")).status).toBe(404);
    expect((await end(w, w.teacher.token, mine.json.id, "bogus")).status).toBe(400);
    const removed = await db.auditEvent.findMany({
      where: { action: "course_link.removed", targetId: w.stranger.id },
      select: { data: true },
      orderBy: { id: "asc" },
    });
    expect(removed.map((r) => (r.data as { to: string }).to)).toEqual(["completed", "deleted"]);
    // An admin may end a student's enrollment: their observers' there end with it.
    const studentEnrollment = await db.enrollment.findFirstOrThrow({
      where: { userId: w.student.id, courseId: w.course.id, type: "student" },
      select: { id: true },
    });
    expect((await end(w, w.teacher.token, studentEnrollment.id, "conclude")).status).toBe(401);
    expect((await end(w, w.admin.token, studentEnrollment.id, "conclude")).json.enrollment_state).toBe(
      "completed",
    );
    expect(
      (await db.enrollment.findUniqueOrThrow({ where: { id: parentEnrollment.id } })).workflowState,
    ).toBe("completed");
  });
});
