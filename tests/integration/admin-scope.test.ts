// getAdminScope: the one answer to "where is this user an admin", and its per-request cache.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { getAdminScope } from "../../lib/accounts/admin-scope.ts";
import { listAccounts } from "../../lib/accounts/accounts.ts";
import { createSubAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { inRequestScope } from "../../lib/platform/request-cache.ts";
import { actorFor, makeRootAccount, makeUser } from "../helpers/factory.ts";
import { statementsOf } from "../helpers/sql-statements.ts";

async function district() {
  const root = await makeRootAccount();
  const school = await createSubAccount({ name: "School", parentId: root.id });
  const classroom = await createSubAccount({ name: "Wing", parentId: school.id });
  return { root, school, classroom, user: await makeUser(root.id) };
}

describe("getAdminScope", () => {
  it("a root admin administers the root and every sub-account below it", async () => {
    const { root, school, classroom, user } = await district();
    await makeAccountAdmin({ accountId: root.id, userId: user.id });
    expect(await getAdminScope(user.id)).toEqual({
      directAccountIds: [root.id],
      rootAccountIds: [root.id],
      accountIds: [root.id, school.id, classroom.id],
      touchedRootAccountIds: [root.id],
    });
  });

  it("a sub-account admin: their account and below, no root powers, and GET /accounts lists theirs only", async () => {
    const { root, school, classroom, user } = await district();
    await makeAccountAdmin({ accountId: school.id, userId: user.id });
    expect(await getAdminScope(user.id)).toEqual({
      directAccountIds: [school.id],
      rootAccountIds: [],
      accountIds: [school.id, classroom.id],
      touchedRootAccountIds: [root.id],
    });
    const listed = await listAccounts(actorFor(user, root.id), { page: pageRequest({}) });
    expect(listed.items.map((a) => a.id)).toEqual([school.id]);
  });

  it("deleted admin rows and deleted accounts give nothing", async () => {
    const { root, school, user } = await district();
    const other = await makeUser(root.id);
    const row = await makeAccountAdmin({ accountId: root.id, userId: user.id });
    await db.accountAdmin.update({ where: { id: row.id }, data: { workflowState: "deleted" } });
    await makeAccountAdmin({ accountId: school.id, userId: other.id });
    await db.account.update({ where: { id: school.id }, data: { workflowState: "deleted" } });
    const none = { directAccountIds: [], rootAccountIds: [], accountIds: [], touchedRootAccountIds: [] };
    expect(await getAdminScope(user.id)).toEqual(none);
    expect(await getAdminScope(other.id)).toEqual(none);
  });

  it("is read once per request scope, afresh in the next one, and never cached outside one", async () => {
    const { root, user } = await district();
    const scopeQueries = (statements: string[]) =>
      statements.filter((s) => s.includes("account_admins")).length;

    const inOne = await statementsOf(() =>
      inRequestScope(async () => [await getAdminScope(user.id), await getAdminScope(user.id)]),
    );
    expect(scopeQueries(inOne.statements)).toBe(1);
    expect(inOne.result[1].rootAccountIds).toEqual([]);

    await makeAccountAdmin({ accountId: root.id, userId: user.id });
    const next = await inRequestScope(() => getAdminScope(user.id));
    expect(next.rootAccountIds).toEqual([root.id]);

    const outside = await statementsOf(async () => [
      await getAdminScope(user.id),
      await getAdminScope(user.id),
    ]);
    expect(scopeQueries(outside.statements)).toBe(2);
    await db.accountAdmin.updateMany({ where: { userId: user.id }, data: { workflowState: "deleted" } });
    expect((await getAdminScope(user.id)).rootAccountIds).toEqual([]);
  });
});
