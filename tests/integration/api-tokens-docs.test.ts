import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as tokens from "../../app/api/v1/users/[user_id]/tokens/route.ts";
import * as token from "../../app/api/v1/users/[user_id]/tokens/[token_id]/route.ts";
import * as me from "../../app/api/v1/users/[user_id]/route.ts";
import * as openapi from "../../app/api/v1/openapi.json/route.ts";
import * as docs from "../../app/api/docs/route.ts";
import * as scalar from "../../app/api/docs/scalar.js/route.ts";
import { db } from "../../lib/db.ts";
import {
  createAccessToken,
  issueAccessToken,
  listAccessTokens,
  revokeAccessToken,
} from "../../lib/tokens.ts";
import { client, world } from "../helpers/api-world.ts";
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
    for (const r of responses)
      expect(r.json).toEqual({
        status: "unauthorized",
        errors: [{ message: "user not authorized to perform that action" }],
      });
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

  it("an invalid or past expiry is a 400 naming token[expires_at]", async () => {
    const w = await world();
    const call = client(w);
    const bad = await call(tokens.POST, {
      method: "POST",
      url: "/",
      params: { user_id: "self" },
      token: w.parent.token,
      json: { token: { purpose: "p", expires_at: "not a date" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].message).toContain("token[expires_at]");
    const past = await call(tokens.POST, {
      method: "POST",
      url: "/",
      params: { user_id: "self" },
      token: w.parent.token,
      json: { token: { purpose: "p", expires_at: "2020-01-01T00:00:00Z" } },
    });
    expect(past.json.errors[0].message).toBe("token[expires_at]: must be in the future");
  });

  it("a token stops working when it expires or its user is suspended; its last use is recorded", async () => {
    const w = await world();
    const call = client(w);
    const made = await call(tokens.POST, {
      method: "POST",
      url: "/",
      params: { user_id: "self" },
      token: w.parent.token,
      json: { token: { purpose: "expiring" } },
    });
    const raw: string = made.json.token;
    const whoAmI = (t: string) => call(me.GET, { url: "/", params: { user_id: "self" }, token: t });
    expect((await db.accessToken.findUniqueOrThrow({ where: { id: made.json.id } })).lastUsedAt).toBeNull();
    expect((await whoAmI(raw)).status).toBe(200);
    expect(
      (await db.accessToken.findUniqueOrThrow({ where: { id: made.json.id } })).lastUsedAt,
    ).toBeInstanceOf(Date);

    await db.accessToken.update({
      where: { id: made.json.id },
      data: { expiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await whoAmI(raw)).status).toBe(200);
    await db.accessToken.update({
      where: { id: made.json.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await whoAmI(raw);
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({
      status: "unauthenticated",
      errors: [{ message: "user authorization required" }],
    });

    expect((await whoAmI(w.stranger.token)).status).toBe(200);
    await db.user.update({ where: { id: w.stranger.id }, data: { workflowState: "suspended" } });
    expect((await whoAmI(w.stranger.token)).status).toBe(401);
  });
});

/** Every route file under app/api/v1 and the methods it exports, as OpenAPI paths. */
function routeMethods(): string[] {
  const root = path.resolve("app/api/v1");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts" && !full.includes("openapi.json")) {
        const rel = "/" + path.relative(root, dir).replace(/\[(\w+)\]/g, "{$1}");
        for (const m of fs.readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|DELETE)\b/g))
          out.push(`${m[1].toLowerCase()} ${rel}`);
      }
    }
  };
  walk(root);
  return out.sort();
}

describe("API reference", () => {
  it("/api/v1/openapi.json is OpenAPI 3.1 and documents every route handler", async () => {
    const res = await openapi.GET();
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`),
    );
    // Canvas documents the token routes under /users/self; the route folder is /users/{user_id}.
    const normalized = documented
      .map((d) => d.replace("/users/self/tokens", "/users/{user_id}/tokens"))
      .sort();
    expect(normalized).toEqual(routeMethods());
    const add = doc.paths["/users/{user_id}/observees"].post;
    expect(
      add.requestBody.content["application/x-www-form-urlencoded"].schema.properties.observee.properties,
    ).toHaveProperty("unique_id");
    expect(add.responses["200"].content["application/json"].schema.$ref).toBe("#/components/schemas/User");
    expect(
      doc.paths["/accounts/{account_id}/users"].get.parameters.map((p: { name: string }) => p.name),
    ).toContain("search_term");
    expect(JSON.stringify(doc)).not.toMatch(/"(digest|password_hash|passwordHash)"/);
  });

  it("/api/docs serves the reference page and Scalar's script from this server", async () => {
    const page = await (await docs.GET()).text();
    expect(page).toContain('data-url="/api/v1/openapi.json"');
    expect(page).toContain('src="/api/docs/scalar.js"');
    expect(page).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    const js = await scalar.GET();
    expect(js.headers.get("content-type")).toContain("javascript");
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
