// Sessions and tokens are credentials of their school (issue 10, item 9): a token of a user with
// no login in the host's school is anonymous there.
import { describe, expect, it } from "vitest";
import { GET as getSelf } from "../../app/api/v1/users/[user_id]/route.ts";
import { createRootAccount } from "../../lib/provisioning.ts";
import { defaultRootAccount, makeUser, uid } from "../helpers/factory.ts";
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
});
