import { describe, expect, it } from "vitest";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import * as user from "../../app/api/v1/users/[user_id]/route.ts";
import { db } from "../../lib/platform/db.ts";
import { client, world } from "../helpers/api-world.ts";
import { linkParent } from "../helpers/api-links.ts";

describe("GET /accounts/:id/users?search_term=", () => {
  it("matches name, login, SIS id and email; admins only; shorter than 2 characters → 400", async () => {
    const w = await world();
    const call = client(w);
    const search = (term: string | null, token = w.admin.token, accountId = String(w.root.id)) =>
      call(accountUsers.GET, {
        url: `/accounts/${accountId}/users${term === null ? "" : `?search_term=${encodeURIComponent(term)}`}&include[]=email`,
        params: { account_id: accountId },
        token,
      });
    const sis = (
      await db.login.findFirstOrThrow({ where: { userId: w.student.id }, select: { sisUserId: true } })
    ).sisUserId!;
    const byName = await search(w.parent.name.split(" ")[1]);
    expect(byName.json.map((u: { id: number }) => u.id)).toEqual([w.parent.id]);
    expect(byName.json[0]).toMatchObject({ login_id: w.parent.login, email: w.parent.login });
    expect((await search(sis)).json.map((u: { id: number }) => u.id)).toEqual([w.student.id]);
    expect((await search(w.teacher.login.toUpperCase())).json.map((u: { id: number }) => u.id)).toEqual([
      w.teacher.id,
    ]);
    expect((await search("no-such-person-anywhere")).json).toEqual([]);
    const short = await search("a");
    expect(short.status).toBe(400);
    expect(short.json.errors[0].message).toContain("search_term");
    // Everyone with a login, when no term is given; paginated.
    const all = await search(null);
    expect(all.json.length).toBe(6);
    expect((await search(w.parent.name, w.teacher.token)).status).toBe(401);
    // Another school's admin's token is no credential on this school's host (anonymous): 401.
    expect((await search(w.parent.name, w.otherAdmin.token)).status).toBe(401);
    // A sub-account's users are those enrolled in its courses.
    const sub = await search(null, w.subAdmin.token, String(w.sub.id));
    expect(sub.json.map((u: { id: number }) => u.id).sort()).toEqual([w.student.id, w.teacher.id].sort());
    expect((await search(null, w.subAdmin.token)).status).toBe(401);
  });
});

describe("GET /users/:id", () => {
  it("self, admins (login and SIS id), the teacher and linked parent; 401 for peers; 404 across schools", async () => {
    const w = await world();
    const call = await linkParent(w);
    const get = (token: string) =>
      call(user.GET, { url: "/", params: { user_id: String(w.student.id) }, token });
    expect((await get(w.student.token)).json).toMatchObject({
      id: w.student.id,
      name: w.student.name,
      sortable_name: expect.any(String),
    });
    expect((await get(w.admin.token)).json).toMatchObject({
      login_id: w.student.login,
      sis_user_id: expect.stringMatching(/^S-/),
    });
    expect((await get(w.subAdmin.token)).json).toMatchObject({ login_id: w.student.login });
    expect((await get(w.teacher.token)).json.login_id).toBeUndefined();
    expect((await get(w.parent.token)).status).toBe(200);
    expect((await get(w.stranger.token)).status).toBe(401);
    // Another school's admin's token is no credential on this school's host (anonymous): 401.
    expect((await get(w.otherAdmin.token)).status).toBe(401);
    expect(
      (await call(user.GET, { url: "/", params: { user_id: "self" }, token: w.stranger.token })).json.id,
    ).toBe(w.stranger.id);
  });
});
