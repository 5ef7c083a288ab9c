import { describe, expect, it } from "vitest";
import * as courses from "../../app/api/v1/accounts/[account_id]/courses/route.ts";
import * as course from "../../app/api/v1/courses/[course_id]/route.ts";
import { client, world } from "../helpers/api-world.ts";
import { uid } from "../helpers/factory.ts";

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
    // Another school's admin's token is no credential on this school's host (anonymous): 401.
    expect((await create(w.root.id, w.otherAdmin.token, {})).status).toBe(401);
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
    // Another school's admin's token is no credential on this school's host (anonymous): 401.
    expect((await get(w.otherAdmin.token)).status).toBe(401);
    expect((await get(w.admin.token, "abc")).status).toBe(404);
  });
});
