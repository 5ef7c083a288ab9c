import { describe, expect, it } from "vitest";
import * as courses from "../../app/api/v1/accounts/[account_id]/courses/route.ts";
import * as course from "../../app/api/v1/courses/[course_id]/route.ts";
import * as courseEnrollments from "../../app/api/v1/courses/[course_id]/enrollments/route.ts";
import * as userEnrollments from "../../app/api/v1/users/[user_id]/enrollments/route.ts";
import * as observee from "../../app/api/v1/users/[user_id]/observees/[observee_id]/route.ts";
import { db } from "../../lib/db.ts";
import { client, world } from "../helpers/api-world.ts";
import { makeStudent, uid } from "../helpers/factory.ts";

describe("courses", () => {
  it("POST /accounts/:id/courses: admins of the account; unpublished unless offer; duplicate SIS id → 400", async () => {
    const w = await world();
    const call = client(w);
    const create = (accountId: number, token: string, json: unknown) =>
      call(courses.POST, {
        method: "POST",
        url: "/",
        params: { account_id: String(accountId) },
        token,
        json,
      });
    const sis = `C-${uid()}`;
    const made = await create(w.sub.id, w.subAdmin.token, {
      course: { name: "Chemistry", course_code: "CHEM", sis_course_id: sis },
    });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({
      name: "Chemistry",
      course_code: "CHEM",
      account_id: w.sub.id,
      root_account_id: w.root.id,
      workflow_state: "unpublished",
      sis_course_id: sis,
    });
    const offered = await call(courses.POST, {
      method: "POST",
      url: `/accounts/${w.root.id}/courses?course[name]=Physics&offer=true`,
      params: { account_id: String(w.root.id) },
      token: w.admin.token,
    });
    expect(offered.json).toMatchObject({ name: "Physics", workflow_state: "available" });
    const dup = await create(w.root.id, w.admin.token, { course: { name: "Again", sis_course_id: sis } });
    expect(dup.status).toBe(400);
    expect(dup.json.errors[0].message).toContain("course[sis_course_id]");
    expect((await create(w.root.id, w.subAdmin.token, {})).status).toBe(401);
    expect((await create(w.root.id, w.teacher.token, {})).status).toBe(401);
    expect((await create(w.root.id, w.otherAdmin.token, {})).status).toBe(404);
    expect((await create(w.sub.id, w.admin.token, {})).json.name).toBe("Unnamed Course");
  });

  it("GET /courses/:id: admins and members; 401 for others of the school, 404 across schools", async () => {
    const w = await world();
    const call = client(w);
    const get = (token: string, id = String(w.course.id)) =>
      call(course.GET, { url: "/", params: { course_id: id }, token });
    expect((await get(w.admin.token)).json).toMatchObject({ id: w.course.id, sis_course_id: null });
    expect((await get(w.subAdmin.token)).status).toBe(200);
    const asTeacher = await get(w.teacher.token);
    expect(asTeacher.json).toMatchObject({ id: w.course.id, account_id: w.sub.id });
    expect(asTeacher.json.sis_course_id).toBeUndefined();
    expect((await get(w.student.token)).status).toBe(200);
    expect((await get(w.stranger.token)).status).toBe(401);
    expect((await get(w.otherAdmin.token)).status).toBe(404);
    expect((await get(w.admin.token, "abc")).status).toBe(404);
  });
});

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
    ).toBe(404);
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
    const call = client(w);
    await call(observee.PUT, {
      method: "PUT",
      url: "/",
      params: { user_id: String(w.parent.id), observee_id: String(w.student.id) },
      token: w.admin.token,
    });
    const list = (token: string, userId = String(w.student.id)) =>
      call(userEnrollments.GET, { url: "/", params: { user_id: userId }, token });
    for (const who of [w.student, w.admin, w.subAdmin, w.parent, w.teacher]) {
      const res = await list(who.token);
      expect(res.status, who.name).toBe(200);
      expect(res.json.map((e: { course_id: number }) => e.course_id)).toEqual([w.course.id]);
    }
    expect((await list(w.stranger.token)).status).toBe(401);
    expect((await list(w.otherAdmin.token)).status).toBe(404);
    const own = await list(w.parent.token, "self");
    expect(own.json).toEqual([
      expect.objectContaining({ type: "ObserverEnrollment", associated_user_id: w.student.id }),
    ]);
  });
});
