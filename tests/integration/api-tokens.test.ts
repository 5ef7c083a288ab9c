import { describe, expect, it } from "vitest";
import * as tokens from "../../app/api/v1/users/[user_id]/tokens/route.ts";
import * as token from "../../app/api/v1/users/[user_id]/tokens/[token_id]/route.ts";
import * as me from "../../app/api/v1/users/[user_id]/route.ts";
import {
  createAccessToken,
  issueAccessToken,
  listAccessTokens,
  revokeAccessToken,
} from "../../lib/identity/tokens.ts";
import { UNAUTHORIZED, client, world } from "../helpers/api-world.ts";
import { errorOf } from "../helpers/errors.ts";
import { actorFor } from "../helpers/factory.ts";

describe("access tokens", () => {
  it("create for yourself (shown once), list hints, revoke; others' are refused or not found", async () => {
    const w = await world();
    const call = client(w);
    const created = await call(tokens.POST, {
      method: "POST",
      url: "/users/self/tokens?token[purpose]=sync script",
      params: { user_id: "self" },
      token: w.parent.token,
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      purpose: "sync script",
      token: expect.stringMatching(/^opk_/),
      hint: expect.any(String),
      expires_at: null,
    });
    expect(created.json.visible_token).toBe(created.json.token);
    // The new token works, from the query string as well.
    expect(
      (
        await call(me.GET, {
          url: `/users/self?access_token=${created.json.token}`,
          params: { user_id: "self" },
        })
      ).json.id,
    ).toBe(w.parent.id);

    const list = await call(tokens.GET, {
      url: "/users/self/tokens",
      params: { user_id: "self" },
      token: w.parent.token,
    });
    expect(list.json.map((t: { id: number }) => t.id)).toContain(created.json.id);
    expect(JSON.stringify(list.json)).not.toContain(created.json.token);
    expect(list.json[0]).not.toHaveProperty("digest");

    expect(
      (
        await call(tokens.POST, {
          method: "POST",
          url: "/",
          params: { user_id: String(w.parent.id) },
          token: w.admin.token,
          json: { token: { purpose: "x" } },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call(tokens.POST, {
          method: "POST",
          url: "/",
          params: { user_id: "self" },
          token: w.parent.token,
          json: { token: {} },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(tokens.GET, { url: "/", params: { user_id: String(w.parent.id) }, token: w.admin.token }))
        .status,
    ).toBe(401);

    const del = (who: string) =>
      call(token.DELETE, {
        method: "DELETE",
        url: "/",
        params: { user_id: "self", token_id: String(created.json.id) },
        token: who,
      });
    expect((await del(w.admin.token)).status).toBe(404);
    expect((await del(w.parent.token)).json).toEqual({ id: created.json.id });
    expect(
      (await call(me.GET, { url: "/", params: { user_id: "self" }, token: created.json.token })).status,
    ).toBe(401);
    expect((await del(w.parent.token)).status).toBe(404);
  });

  it("another user's tokens get one answer (401, as Canvas lists and creates) on every route", async () => {
    const w = await world();
    const call = client(w);
    const theirs = await issueAccessToken({ userId: w.parent.id, purpose: "theirs", actorId: null });
    const asAdmin = { token: w.admin.token };
    const responses = [
      await call(tokens.GET, { url: "/", params: { user_id: String(w.parent.id) }, ...asAdmin }),
      await call(tokens.POST, {
        method: "POST",
        url: "/",
        params: { user_id: String(w.parent.id) },
        json: { token: { purpose: "x" } },
        ...asAdmin,
      }),
      await call(token.DELETE, {
        method: "DELETE",
        url: "/",
        params: { user_id: String(w.parent.id), token_id: String(theirs.id) },
        ...asAdmin,
      }),
    ];
    for (const r of responses) expect(r.json).toEqual(UNAUTHORIZED);
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401]);
    // The token was not touched; the same answers come from the domain functions themselves.
    const admin = actorFor(w.admin, w.root.id);
    expect((await listAccessTokens(actorFor(w.parent, w.root.id), { userId: w.parent.id })).total).toBe(2);
    for (const run of [
      () => listAccessTokens(admin, { userId: w.parent.id }),
      () => createAccessToken(admin, { userId: w.parent.id, purpose: "x" }),
      () => revokeAccessToken(admin, { userId: w.parent.id, tokenId: theirs.id }),
    ])
      expect((await errorOf(run())).code).toBe("unauthorized");
  });

  it("the list is paginated in the database, newest first, with Canvas's Link header", async () => {
    const w = await world();
    const call = client(w);
    for (const purpose of ["one", "two", "three", "four"])
      await issueAccessToken({ userId: w.student.id, purpose, actorId: null });
    const page = (n: number) =>
      call(tokens.GET, {
        url: `/users/self/tokens?per_page=2&page=${n}`,
        params: { user_id: "self" },
        token: w.student.token,
      });
    const [first, third] = [await page(1), await page(3)];
    expect(first.json.map((t: { purpose: string }) => t.purpose)).toEqual(["four", "three"]);
    expect(first.headers.get("link")).toMatch(/[?&]page=3\b[^>]*>; rel="last"/);
    expect(third.json.map((t: { purpose: string }) => t.purpose)).toEqual(["test"]);
    expect(Object.keys(third.json[0]).sort()).toEqual(
      ["created_at", "expires_at", "hint", "id", "last_used_at", "purpose"].sort(),
    );
  });
});
