import { describe, expect, it } from "vitest";
import * as accounts from "../../app/api/v1/accounts/route.ts";
import * as account from "../../app/api/v1/accounts/[account_id]/route.ts";
import { client, world } from "../helpers/api-world.ts";

describe("GET /accounts and /accounts/:id", () => {
  it("admins list the accounts they administer; others get []", async () => {
    const w = await world();
    const call = client(w);
    const list = (token: string) => call(accounts.GET, { url: "/accounts", token });
    expect((await list(w.admin.token)).json).toEqual([
      {
        id: w.root.id,
        name: w.root.name,
        parent_account_id: null,
        root_account_id: null,
        workflow_state: "active",
        sis_account_id: null,
      },
    ]);
    expect((await list(w.subAdmin.token)).json).toMatchObject([
      { id: w.sub.id, parent_account_id: w.root.id, root_account_id: w.root.id },
    ]);
    expect((await list(w.student.token)).json).toEqual([]);
    expect((await list(w.teacher.token)).headers.get("link")).toContain('rel="current"');
  });

  it("self is the host's root account; sub-accounts are for their admins; other schools are not found", async () => {
    const w = await world();
    const call = client(w);
    const get = (id: string, token: string, host?: string) =>
      call(account.GET, { url: "/", params: { account_id: id }, token, host });
    expect((await get("self", w.admin.token)).json).toMatchObject({ id: w.root.id, sis_account_id: null });
    const member = await get("self", w.student.token);
    expect(member.json).toMatchObject({ id: w.root.id });
    expect(member.json.sis_account_id).toBeUndefined();
    expect((await get(String(w.sub.id), w.subAdmin.token)).status).toBe(200);
    expect((await get(String(w.sub.id), w.admin.token)).status).toBe(200);
    expect((await get(String(w.sub.id), w.teacher.token)).status).toBe(401);
    // Another school's admin's token is no credential on this school's host (anonymous): 401.
    expect((await get(String(w.root.id), w.otherAdmin.token)).status).toBe(401);
    expect((await get("self", w.otherAdmin.token, w.otherDomain)).json.id).toBe(w.other.id);
    expect((await get("nonsense", w.admin.token)).status).toBe(404);
    expect((await call(account.GET, { url: "/", params: { account_id: "self" } })).status).toBe(401);
  });
});
