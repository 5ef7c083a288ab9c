import { describe, expect, it } from "vitest";
import * as observee from "../../app/api/v1/users/[user_id]/observees/[observee_id]/route.ts";
import * as observer from "../../app/api/v1/users/[user_id]/observers/[observer_id]/route.ts";
import { db } from "../../lib/platform/db.ts";
import { NOT_FOUND, UNAUTHORIZED, client, world } from "../helpers/api-world.ts";
import { linkParent } from "../helpers/api-links.ts";

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
    await linkParent(w);
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
    const call = await linkParent(w);
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
    const call = await linkParent(w);
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
      const call = await linkParent(w);
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
});
