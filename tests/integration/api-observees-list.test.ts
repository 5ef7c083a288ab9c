import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import * as observee from "../../app/api/v1/users/[user_id]/observees/[observee_id]/route.ts";
import * as observers from "../../app/api/v1/users/[user_id]/observers/route.ts";
import { db } from "../../lib/platform/db.ts";
import { UNAUTHENTICATED, UNAUTHORIZED, client, world } from "../helpers/api-world.ts";
import { linkParent } from "../helpers/api-links.ts";
import { makeStudent } from "../helpers/factory.ts";

describe("GET /users/:id/observees and /observers — the authorization matrix", () => {
  it("self, root admin (with login_id and sis_user_id), and refusals for everyone else", async () => {
    const w = await world();
    const call = await linkParent(w);
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

    for (const who of [w.subAdmin, w.teacher, w.stranger, w.student]) {
      const res = await list(who.token);
      expect(res.status, who.name).toBe(401);
      expect(res.json).toEqual(UNAUTHORIZED);
    }
    // Another school's admin's token is no credential on this school's host: anonymous.
    expect((await list(w.otherAdmin.token)).json).toEqual(UNAUTHENTICATED);
    const anon = await list();
    expect(anon.json).toEqual(UNAUTHENTICATED);

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
    const call = await linkParent(w);
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
    // A junk query is not echoed five times into a header too large for HTTP clients (16 KB in Node).
    const junk = Array.from({ length: 40 }, (_, i) => `x${i}=${"%F0%9F%A6%84".repeat(60)}`).join("&");
    const long = (await page(`include[]=avatar_url&${junk}&per_page=2&page=2`)).headers.get("link")!;
    expect(long.length).toBeLessThan(10_000);
    expect(long).toContain("include%5B%5D=avatar_url&");
    expect(long).toMatch(/per_page=2&page=1>; rel="prev"/);
  });
});
