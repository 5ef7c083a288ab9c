import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import * as observee from "../../app/api/v1/users/[user_id]/observees/[observee_id]/route.ts";
import * as observers from "../../app/api/v1/users/[user_id]/observers/route.ts";
import * as observer from "../../app/api/v1/users/[user_id]/observers/[observer_id]/route.ts";
import { db } from "../../lib/db.ts";
import { client, world, type World } from "../helpers/api-world.ts";
import { makeStudent } from "../helpers/factory.ts";
import { tokenFor } from "../helpers/api.ts";

const UNAUTHORIZED = {
  status: "unauthorized",
  errors: [{ message: "user not authorized to perform that action" }],
};
const NOT_FOUND = { errors: [{ message: "The specified resource does not exist." }] };

/** Links the world's parent to its student through the admin's PUT. */
async function linked(w: World) {
  const call = client(w);
  const res = await call(observee.PUT, {
    method: "PUT",
    url: `/users/${w.parent.id}/observees/${w.student.id}`,
    params: { user_id: String(w.parent.id), observee_id: String(w.student.id) },
    token: w.admin.token,
  });
  expect(res.status).toBe(200);
  return call;
}

describe("GET /users/:id/observees and /observers — the authorization matrix", () => {
  it("self, root admin (with login_id and sis_user_id), and refusals for everyone else", async () => {
    const w = await world();
    const call = await linked(w);
    const list = (token?: string) =>
      call(observees.GET, {
        url: `/users/${w.parent.id}/observees`,
        params: { user_id: String(w.parent.id) },
        token,
      });

    const self = await list(w.parent.token);
    expect(self.status).toBe(200);
    expect(self.json).toEqual([
      expect.objectContaining({ id: w.student.id, observation_link_root_account_ids: [w.root.id] }),
    ]);
    expect(self.json[0].login_id).toBeUndefined();

    const admin = await list(w.admin.token);
    expect(admin.status).toBe(200);
    expect(admin.json[0]).toMatchObject({
      id: w.student.id,
      login_id: w.student.login,
      sis_user_id: expect.stringMatching(/^S-/),
    });

    for (const who of [w.subAdmin, w.teacher, w.stranger, w.student, w.otherAdmin]) {
      const res = await list(who.token);
      expect(res.status, who.name).toBe(401);
      expect(res.json).toEqual(UNAUTHORIZED);
    }
    const anon = await list();
    expect(anon.json).toEqual({
      status: "unauthenticated",
      errors: [{ message: "user authorization required" }],
    });

    const obs = await call(observers.GET, {
      url: `/users/${w.student.id}/observers?include[]=avatar_url`,
      params: { user_id: String(w.student.id) },
      token: w.student.token,
    });
    expect(obs.status).toBe(200);
    expect(obs.json).toEqual([
      expect.objectContaining({
        id: w.parent.id,
        avatar_url: null,
        observation_link_root_account_ids: [w.root.id],
      }),
    ]);
    const byTeacher = await call(observers.GET, {
      url: `/users/${w.student.id}/observers`,
      params: { user_id: String(w.student.id) },
      token: w.teacher.token,
    });
    expect(byTeacher.status).toBe(401);
  });

  it("sis_user_id: and sis_login_id: ids in the path", async () => {
    const w = await world();
    const call = await linked(w);
    const sis = (
      await db.login.findFirstOrThrow({ where: { userId: w.student.id }, select: { sisUserId: true } })
    ).sisUserId!;
    const res = await call(observers.GET, {
      url: `/users/sis_user_id:${sis}/observers`,
      params: { user_id: `sis_user_id:${sis}` },
      token: w.admin.token,
    });
    expect(res.status).toBe(200);
    expect(res.json.map((u: { id: number }) => u.id)).toEqual([w.parent.id]);
    const one = await call(observee.GET, {
      url: `/users/sis_login_id:${w.parent.login}/observees/sis_user_id:${sis}`,
      params: {
        user_id: `sis_login_id:${encodeURIComponent(w.parent.login)}`,
        observee_id: `sis_user_id:${sis}`,
      },
      token: w.admin.token,
    });
    expect(one.status).toBe(200);
    expect(one.json.id).toBe(w.student.id);
    const unknown = await call(observers.GET, {
      url: "/users/sis_user_id:nope/observers",
      params: { user_id: "sis_user_id:nope" },
      token: w.admin.token,
    });
    expect(unknown.status).toBe(404);
  });

  it("pagination: Link rels, clamping, a page past the end is []", async () => {
    const w = await world();
    const call = client(w);
    for (let i = 0; i < 3; i++) {
      const s = await makeStudent(w.root.id);
      await call(observee.PUT, {
        method: "PUT",
        url: "/",
        params: { user_id: String(w.parent.id), observee_id: String(s.id) },
        token: w.admin.token,
      });
    }
    const page = (q: string) =>
      call(observees.GET, {
        url: `/users/self/observees?${q}`,
        params: { user_id: "self" },
        token: w.parent.token,
      });
    const first = await page("per_page=2");
    expect(first.json).toHaveLength(2);
    const link = first.headers.get("link")!;
    for (const rel of ["current", "next", "first", "last"]) expect(link).toContain(`rel="${rel}"`);
    expect(link).not.toContain('rel="prev"');
    expect(link).toMatch(/per_page=2&page=2>; rel="last"/);
    const second = await page("per_page=2&page=2");
    expect(second.json).toHaveLength(1);
    expect(second.headers.get("link")).toContain('rel="prev"');
    expect(second.headers.get("link")).not.toContain('rel="next"');
    expect((await page("per_page=2&page=9")).json).toEqual([]);
    expect((await page("per_page=0")).json).toHaveLength(1);
    expect((await page("per_page=1000")).headers.get("link")).toContain("per_page=100&");
    const names = (await page("per_page=100")).json.map((u: { sortable_name: string }) => u.sortable_name);
    expect(names).toEqual([...names].sort());
  });
});

describe("GET one, PUT, DELETE", () => {
  it("GET one observee/observer: 200 with an active link, 404 without", async () => {
    const w = await world();
    const call = client(w);
    const get = () =>
      call(observee.GET, {
        url: "/",
        params: { user_id: "self", observee_id: String(w.student.id) },
        token: w.parent.token,
      });
    expect((await get()).json).toEqual(NOT_FOUND);
    await linked(w);
    expect((await get()).json).toMatchObject({
      id: w.student.id,
      observation_link_root_account_ids: [w.root.id],
    });
    const obs = await call(observer.GET, {
      url: "/",
      params: { user_id: "self", observer_id: String(w.parent.id) },
      token: w.student.token,
    });
    expect(obs.json).toMatchObject({ id: w.parent.id });
  });

  it("PUT: admins only, idempotent; the observer alone and another school's admin get 401", async () => {
    const w = await world();
    const put = (token: string, q = "") =>
      client(w)(observee.PUT, {
        method: "PUT",
        url: `/users/x/observees/y${q}`,
        params: { user_id: String(w.parent.id), observee_id: String(w.student.id) },
        token,
      });
    expect((await put(w.parent.token)).json).toEqual(UNAUTHORIZED);
    expect((await put(w.otherAdmin.token)).status).toBe(401);
    expect((await put(w.subAdmin.token)).status).toBe(401);
    expect((await put(w.admin.token)).json).toMatchObject({ id: w.student.id });
    expect((await put(w.admin.token, `?root_account_id=${w.root.id}`)).status).toBe(200);
    expect(
      await db.observationLink.count({
        where: { observerId: w.parent.id, studentId: w.student.id, workflowState: "active" },
      }),
    ).toBe(1);
    const enrollments = await db.enrollment.count({
      where: {
        userId: w.parent.id,
        associatedUserId: w.student.id,
        type: "observer",
        workflowState: "active",
      },
    });
    expect(enrollments).toBe(1);
  });

  it("DELETE by the observer: returns the student, removes observer enrollments; root_account_id is honoured", async () => {
    const w = await world();
    const call = await linked(w);
    const del = (q: string, token = w.parent.token) =>
      call(observee.DELETE, {
        method: "DELETE",
        url: `/users/self/observees/${w.student.id}${q}`,
        params: { user_id: "self", observee_id: String(w.student.id) },
        token,
      });
    // Another root account's id names no link of theirs: nothing is removed (Canvas would remove all).
    expect((await del(`?root_account_id=${w.other.id}`)).status).toBe(404);
    expect(
      await db.observationLink.count({ where: { observerId: w.parent.id, workflowState: "active" } }),
    ).toBe(1);
    expect((await del("", w.stranger.token)).status).toBe(404);
    const res = await del(`?root_account_id=${w.root.id}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: w.student.id, name: w.student.name });
    expect(
      await db.enrollment.count({
        where: { userId: w.parent.id, type: "observer", workflowState: "active" },
      }),
    ).toBe(0);
    expect((await del("")).status).toBe(404);
  });

  it("DELETE by an admin of the observer's school; another school's admin is refused", async () => {
    const w = await world();
    const call = await linked(w);
    const del = (token: string) =>
      call(observee.DELETE, {
        method: "DELETE",
        url: "/",
        params: { user_id: String(w.parent.id), observee_id: String(w.student.id) },
        token,
      });
    expect((await del(w.otherAdmin.token)).status).toBe(401);
    expect((await del(w.admin.token)).status).toBe(200);
  });

  it("a student removes an observer only when the school allows it", async () => {
    for (const allowed of [false, true]) {
      const w = await world({ studentsMayRemoveObservers: allowed });
      const call = await linked(w);
      const res = await call(observer.DELETE, {
        method: "DELETE",
        url: "/",
        params: { user_id: "self", observer_id: String(w.parent.id) },
        token: w.student.token,
      });
      // Nobody else but the student and the school's admins: not the sub-account admin, a
      // stranger, another school's admin, or a caller without a token.
      for (const token of [w.subAdmin.token, w.stranger.token, w.teacher.token, w.otherAdmin.token]) {
        expect(
          (
            await call(observer.DELETE, {
              method: "DELETE",
              url: "/",
              params: { user_id: String(w.student.id), observer_id: String(w.parent.id) },
              token,
            })
          ).status,
        ).toBe(401);
      }
      expect(
        (
          await call(observer.DELETE, {
            method: "DELETE",
            url: "/",
            params: { user_id: String(w.student.id), observer_id: String(w.parent.id) },
          })
        ).json,
      ).toMatchObject({ status: "unauthenticated" });
      expect(res.status).toBe(allowed ? 200 : 401);
      if (allowed) expect(res.json).toMatchObject({ id: w.parent.id });
      expect(
        await db.observationLink.count({ where: { observerId: w.parent.id, workflowState: "active" } }),
      ).toBe(allowed ? 0 : 1);
    }
  });

  it("as_user_id: an admin acts as the parent (audited); a non-admin may not masquerade", async () => {
    const w = await world();
    const call = await linked(w);
    const res = await call(observees.GET, {
      url: `/users/self/observees?as_user_id=${w.parent.id}`,
      params: { user_id: "self" },
      token: w.admin.token,
    });
    expect(res.status).toBe(200);
    expect(res.json.map((u: { id: number }) => u.id)).toEqual([w.student.id]);
    expect(
      await db.auditEvent.count({
        where: { action: "user.masqueraded", actorId: w.admin.id, subjectId: w.parent.id },
      }),
    ).toBe(1);
    const refused = await call(observees.GET, {
      url: `/users/self/observees?as_user_id=${w.parent.id}`,
      params: { user_id: "self" },
      token: w.stranger.token,
    });
    expect(refused.status).toBe(401);
    // An admin of another school cannot act as this school's users.
    const other = await call(observees.GET, {
      url: `/users/self/observees?as_user_id=${w.parent.id}`,
      params: { user_id: "self" },
      token: w.otherAdmin.token,
    });
    expect(other.status).toBe(401);
    // Nor can a root admin act as an admin of more than they administer.
    const subAdminAsAdmin = await call(observees.GET, {
      url: `/users/self/observees?as_user_id=${w.admin.id}`,
      params: { user_id: "self" },
      token: w.subAdmin.token,
    });
    expect(subAdminAsAdmin.status).toBe(401);
    expect(await tokenFor(w.parent.id)).toMatch(/^opk_/);
  });
});
