// as_user_id reaches only users all of whose schools the admin administers at the root, never
// mints or revokes tokens, and is audited in each of the target's schools.
import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import * as tokens from "../../app/api/v1/users/[user_id]/tokens/route.ts";
import * as token from "../../app/api/v1/users/[user_id]/tokens/[token_id]/route.ts";
import { db } from "../../lib/platform/db.ts";
import { makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { issueAccessToken } from "../../lib/identity/tokens.ts";
import { UNAUTHORIZED, client, world } from "../helpers/api-world.ts";
import { uid } from "../helpers/factory.ts";

/** Gives a user an active login in another root account too. */
async function addLogin(userId: number, rootAccountId: number) {
  const uniqueId = `second-${uid()}@test.example`;
  await db.login.create({
    data: { userId, rootAccountId, uniqueId, uniqueIdNormalized: uniqueId },
  });
}

const asUser = (w: Awaited<ReturnType<typeof world>>, who: number, token: string, host = w.domain) =>
  client(w)(observees.GET, {
    url: `/users/self/observees?as_user_id=${who}`,
    params: { user_id: "self" },
    token,
    host,
  });

describe("as_user_id: masquerading stays within the admin's schools", () => {
  it("refuses a target who also belongs to a school the admin does not administer, on any host", async () => {
    const w = await world();
    await addLogin(w.student.id, w.other.id);
    expect((await asUser(w, w.student.id, w.admin.token)).json).toEqual(UNAUTHORIZED);
    expect((await asUser(w, w.student.id, w.admin.token, w.otherDomain)).status).toBe(401);
    expect(
      await db.auditEvent.count({ where: { action: "user.masqueraded", subjectId: w.student.id } }),
    ).toBe(0);
    // A target only in the admin's school is still reachable.
    expect((await asUser(w, w.parent.id, w.admin.token)).status).toBe(200);
  });

  it("an admin of both schools may, and the masquerade is audited once in each of them", async () => {
    const w = await world();
    await addLogin(w.student.id, w.other.id);
    await makeAccountAdmin({ accountId: w.other.id, userId: w.admin.id });
    expect((await asUser(w, w.student.id, w.admin.token)).status).toBe(200);
    const rows = await db.auditEvent.findMany({
      where: { action: "user.masqueraded", actorId: w.admin.id, subjectId: w.student.id },
      select: { rootAccountId: true },
      orderBy: { rootAccountId: "asc" },
    });
    expect(rows.map((r) => r.rootAccountId)).toEqual([w.root.id, w.other.id].sort((a, b) => a - b));
  });

  it("no token is created or revoked while masquerading; listing still works", async () => {
    const w = await world();
    const call = client(w);
    const before = await db.accessToken.count({ where: { userId: w.parent.id } });
    const made = await call(tokens.POST, {
      method: "POST",
      url: `/users/self/tokens?as_user_id=${w.parent.id}`,
      params: { user_id: "self" },
      token: w.admin.token,
      json: { token: { purpose: "forever" } },
    });
    expect({ status: made.status, json: made.json }).toEqual({ status: 401, json: UNAUTHORIZED });
    expect(await db.accessToken.count({ where: { userId: w.parent.id } })).toBe(before);

    const theirs = await issueAccessToken({ userId: w.parent.id, purpose: "theirs", actorId: null });
    const revoked = await call(token.DELETE, {
      method: "DELETE",
      url: `/users/self/tokens/${theirs.id}?as_user_id=${w.parent.id}`,
      params: { user_id: "self", token_id: String(theirs.id) },
      token: w.admin.token,
    });
    expect(revoked.status).toBe(401);
    expect(await db.accessToken.count({ where: { id: theirs.id, revokedAt: null } })).toBe(1);

    const listed = await call(tokens.GET, {
      url: `/users/self/tokens?as_user_id=${w.parent.id}`,
      params: { user_id: "self" },
      token: w.admin.token,
    });
    expect(listed.status).toBe(200);
  });
});
