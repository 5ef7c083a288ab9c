import { describe, expect, it } from "vitest";
import * as courseEnrollments from "../../app/api/v1/courses/[course_id]/enrollments/route.ts";
import * as userEnrollments from "../../app/api/v1/users/[user_id]/enrollments/route.ts";
import * as observee from "../../app/api/v1/users/[user_id]/observees/[observee_id]/route.ts";
import { db } from "../../lib/platform/db.ts";
import { client, world } from "../helpers/api-world.ts";
import { linkParent } from "../helpers/api-links.ts";
import { makeStudent } from "../helpers/factory.ts";

describe("enrollments", () => {
  it("POST /courses/:id/enrollments: a new student enrollment gives linked observers theirs; idempotent; validation names fields", async () => {
    const w = await world();
    const call = client(w);
    // The parent observes a second student who is not yet in the course.
    const kid = await makeStudent(w.root.id, { courses: 0 });
    await call(observee.PUT, {
      method: "PUT",
      url: "/",
      params: { user_id: String(w.parent.id), observee_id: String(kid.id) },
      token: w.admin.token,
    });
    const enroll = (enrollment: Record<string, unknown>, token = w.admin.token) =>
      call(courseEnrollments.POST, {
        method: "POST",
        url: "/",
        params: { course_id: String(w.course.id) },
        token,
        json: { enrollment },
      });
    const res = await enroll({
      user_id: String(kid.id),
      type: "StudentEnrollment",
      enrollment_state: "active",
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      course_id: w.course.id,
      user_id: kid.id,
      type: "StudentEnrollment",
      role: "StudentEnrollment",
      enrollment_state: "active",
      associated_user_id: null,
      user: { id: kid.id },
    });
    const mirrored = await db.enrollment.findMany({
      where: { userId: w.parent.id, courseId: w.course.id },
      select: { type: true, associatedUserId: true, workflowState: true },
    });
    expect(mirrored).toEqual([{ type: "observer", associatedUserId: kid.id, workflowState: "active" }]);
    const again = await enroll({
      user_id: String(kid.id),
      type: "StudentEnrollment",
      enrollment_state: "active",
    });
    expect(again.json.id).toBe(res.json.id);
    expect((await enroll({ user_id: String(kid.id), type: "DesignerEnrollment" })).status).toBe(400);
    const noUser = await enroll({ type: "StudentEnrollment" });
    expect(noUser.status).toBe(400);
    expect(noUser.json.errors[0].message).toContain("enrollment[user_id]");
    const foreign = await enroll({ user_id: String(w.otherMember.id), type: "StudentEnrollment" });
    expect(foreign.json.errors[0].message).toContain("enrollment[user_id]");
    const badObserver = await enroll({
      user_id: String(w.stranger.id),
      type: "ObserverEnrollment",
      associated_user_id: String(w.teacher.id),
    });
    expect(badObserver.json.errors[0].message).toContain("enrollment[associated_user_id]");
    const observer = await enroll({
      user_id: String(w.stranger.id),
      type: "ObserverEnrollment",
      associated_user_id: String(w.student.id),
    });
    expect(observer.json).toMatchObject({
      type: "ObserverEnrollment",
      associated_user_id: w.student.id,
      enrollment_state: "invited",
    });
    expect(
      (await enroll({ user_id: String(kid.id), type: "StudentEnrollment" }, w.teacher.token)).status,
    ).toBe(401);
    expect(
      (await enroll({ user_id: String(kid.id), type: "StudentEnrollment" }, w.otherAdmin.token)).status,
    ).toBe(401); // another school's token is anonymous on this host
    // sis_user_id: works in the body too.
    const sis = (
      await db.login.findFirstOrThrow({ where: { userId: w.stranger.id }, select: { sisUserId: true } })
    ).sisUserId;
    expect(sis).toBeNull();
    const bySis = await enroll({
      user_id: `sis_login_id:${w.stranger.login}`,
      type: "TaEnrollment",
      enrollment_state: "active",
    });
    expect(bySis.json).toMatchObject({ user_id: w.stranger.id, type: "TaEnrollment" });
  });

  it("GET /courses/:id/enrollments: roster for admins and teachers; students see only their own; filters", async () => {
    const w = await world();
    const call = client(w);
    const list = (token: string, q = "") =>
      call(courseEnrollments.GET, {
        url: `/courses/${w.course.id}/enrollments${q}`,
        params: { course_id: String(w.course.id) },
        token,
      });
    const roster = await list(w.teacher.token);
    expect(roster.json.map((e: { user_id: number }) => e.user_id).sort()).toEqual(
      [w.student.id, w.teacher.id].sort(),
    );
    expect(
      (await list(w.subAdmin.token, "?type[]=StudentEnrollment")).json.map(
        (e: { user_id: number }) => e.user_id,
      ),
    ).toEqual([w.student.id]);
    expect((await list(w.student.token)).json.map((e: { user_id: number }) => e.user_id)).toEqual([
      w.student.id,
    ]);
    expect((await list(w.admin.token, `?user_id=${w.teacher.id}`)).json).toHaveLength(1);
    expect((await list(w.admin.token, "?state[]=deleted")).json).toEqual([]);
    expect((await list(w.admin.token, "?state[]=bogus")).status).toBe(400);
    expect((await list(w.admin.token, "?per_page=1&page=3")).json).toEqual([]);
    expect((await list(w.stranger.token)).status).toBe(401);
  });

  it("GET /users/:id/enrollments: self, admins, the linked parent; 401 for peers", async () => {
    const w = await world();
    const call = await linkParent(w);
    const list = (token: string, userId = String(w.student.id)) =>
      call(userEnrollments.GET, { url: "/", params: { user_id: userId }, token });
    for (const who of [w.student, w.admin, w.subAdmin, w.parent, w.teacher]) {
      const res = await list(who.token);
      expect(res.status, who.name).toBe(200);
      expect(res.json.map((e: { course_id: number }) => e.course_id)).toEqual([w.course.id]);
    }
    expect((await list(w.stranger.token)).status).toBe(401);
    // Another school's admin's token is no credential on this school's host (anonymous): 401.
    expect((await list(w.otherAdmin.token)).status).toBe(401);
    const own = await list(w.parent.token, "self");
    expect(own.json).toEqual([
      expect.objectContaining({ type: "ObserverEnrollment", associated_user_id: w.student.id }),
    ]);
  });
});
