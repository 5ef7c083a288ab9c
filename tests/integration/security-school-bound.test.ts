// Sessions and tokens are credentials of their school (issue 10, item 9): a token of a user with
// no login in the host's school is anonymous there.
import { describe, expect, it } from "vitest";
import { GET as getSelf } from "../../app/api/v1/users/[user_id]/route.ts";
import { db } from "../../lib/platform/db.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { createAccessToken } from "../../lib/identity/tokens.ts";
import { actorFor, defaultRootAccount, makeUser, uid } from "../helpers/factory.ts";
import { call, tokenFor } from "../helpers/api.ts";

describe("tokens are bound to their user's schools", () => {
  it("a school-A token on school B's host is anonymous there; at home it works", async () => {
    await defaultRootAccount();
    const [a, b] = [`bound-a-${uid()}.test`, `bound-b-${uid()}.test`];
    const schoolA = await createRootAccount({ name: "Bound A", domain: a });
    await createRootAccount({ name: "Bound B", domain: b });
    const user = await makeUser(schoolA.id);
    const token = await tokenFor(user.id);
    const self = (host: string) =>
      call(getSelf, { url: "/api/v1/users/self", params: { user_id: "self" }, token, host });
    expect((await self(a)).status).toBe(200);
    const there = await self(b);
    expect(there.status).toBe(401);
    expect(there.json).toMatchObject({ status: "unauthenticated" });
  });

  it("a token made at school A is anonymous on school B's host even when its user has a login at B too", async () => {
    await defaultRootAccount();
    const [a, b] = [`made-a-${uid()}.test`, `made-b-${uid()}.test`];
    const schoolA = await createRootAccount({ name: "Made A", domain: a });
    const schoolB = await createRootAccount({ name: "Made B", domain: b });
    const user = await makeUser(schoolA.id);
    const bLogin = `b-${uid()}@made.test`;
    await db.login.create({
      data: { userId: user.id, rootAccountId: schoolB.id, uniqueId: bLogin, uniqueIdNormalized: bLogin },
    });
    const self = (token: string, host: string) =>
      call(getSelf, { url: "/api/v1/users/self", params: { user_id: "self" }, token, host });
    // Made in school A's Settings (or POST /users/self/tokens on A's host): a credential of A only.
    const madeAtA = (
      await createAccessToken(actorFor(user, schoolA.id), { userId: user.id, purpose: "A sync" })
    ).token;
    expect((await self(madeAtA, a)).status).toBe(200);
    const atB = await self(madeAtA, b);
    expect(atB.status).toBe(401);
    expect(atB.json).toMatchObject({ status: "unauthenticated" });
    // A token made without a school (an operator's, or from before) keeps the user's-schools rule.
    const unbound = await tokenFor(user.id);
    expect((await self(unbound, a)).status).toBe(200);
    expect((await self(unbound, b)).status).toBe(200);
  });
});
