import { describe, expect, it } from "vitest";
import * as tokens from "../../app/api/v1/users/[user_id]/tokens/route.ts";
import * as me from "../../app/api/v1/users/[user_id]/route.ts";
import { db } from "../../lib/platform/db.ts";
import { UNAUTHENTICATED, client, world } from "../helpers/api-world.ts";

describe("access tokens: expiry and suspension", () => {
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
    expect(expired.json).toEqual(UNAUTHENTICATED);

    expect((await whoAmI(w.stranger.token)).status).toBe(200);
    await db.user.update({ where: { id: w.stranger.id }, data: { workflowState: "suspended" } });
    expect((await whoAmI(w.stranger.token)).status).toBe(401);
  });
});
