import { describe, expect, it } from "vitest";
import * as accounts from "../../app/api/v1/accounts/route.ts";
import * as account from "../../app/api/v1/accounts/[account_id]/route.ts";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import * as user from "../../app/api/v1/users/[user_id]/route.ts";
import * as observee from "../../app/api/v1/users/[user_id]/observees/[observee_id]/route.ts";
import * as codes from "../../app/api/v1/users/[user_id]/observer_pairing_codes/route.ts";
import { db } from "../../lib/db.ts";
import { client, world, type World } from "../helpers/api-world.ts";
import { uid } from "../helpers/factory.ts";

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
    expect((await get(String(w.root.id), w.otherAdmin.token)).status).toBe(404);
    expect((await get("self", w.otherAdmin.token, w.otherDomain)).json.id).toBe(w.other.id);
    expect((await get("nonsense", w.admin.token)).status).toBe(404);
    expect((await call(account.GET, { url: "/", params: { account_id: "self" } })).status).toBe(401);
  });
});

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
    expect((await search(w.parent.name, w.otherAdmin.token)).status).toBe(404);
    // A sub-account's users are those enrolled in its courses.
    const sub = await search(null, w.subAdmin.token, String(w.sub.id));
    expect(sub.json.map((u: { id: number }) => u.id).sort()).toEqual([w.student.id, w.teacher.id].sort());
    expect((await search(null, w.subAdmin.token)).status).toBe(401);
  });
});

describe("GET /users/:id", () => {
  it("self, admins (login and SIS id), the teacher and linked parent; 401 for peers; 404 across schools", async () => {
    const w = await world();
    const call = client(w);
    await call(observee.PUT, {
      method: "PUT",
      url: "/",
      params: { user_id: String(w.parent.id), observee_id: String(w.student.id) },
      token: w.admin.token,
    });
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
    expect((await get(w.otherAdmin.token)).status).toBe(404);
    expect(
      (await call(user.GET, { url: "/", params: { user_id: "self" }, token: w.stranger.token })).json.id,
    ).toBe(w.stranger.id);
  });
});

describe("POST /accounts/:id/users", () => {
  const body = (w: World, extra: Record<string, unknown> = {}) => ({
    user: { name: "Casey Carer", initial_enrollment_type: "observer" },
    pseudonym: { unique_id: `carer-${uid()}@home.test`, password: "a-long-password-42" },
    ...extra,
  });

  it("an admin creates a user with a login and SIS id; duplicates are a 400 naming pseudonym.unique_id", async () => {
    const w = await world();
    const call = client(w);
    const create = (json: unknown, token = w.admin.token) =>
      call(accountUsers.POST, {
        method: "POST",
        url: "/",
        params: { account_id: String(w.root.id) },
        token,
        json,
      });
    const sis = `P-${uid()}`;
    const made = await create({
      user: { name: "Casey Carer" },
      pseudonym: { unique_id: `casey-${sis}@home.test`, sis_user_id: sis, force_self_registration: "true" },
    });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({
      name: "Casey Carer",
      sortable_name: "Carer, Casey",
      login_id: `casey-${sis}@home.test`,
      sis_user_id: sis,
    });
    const dup = await create({ user: { name: "Again" }, pseudonym: { unique_id: `CASEY-${sis}@home.test` } });
    expect(dup.status).toBe(400);
    expect(dup.json.errors.pseudonym.unique_id[0]).toMatchObject({ attribute: "unique_id", type: "taken" });
    const missing = await create({ user: { name: "No login" } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors.pseudonym).toBeDefined();
    expect((await create(body(w), w.teacher.token)).status).toBe(401);
    expect((await create(body(w), w.otherAdmin.token)).status).toBe(404);
  });

  it("self-registration with a pairing code (no token): user, login and link in one go", async () => {
    const w = await world();
    const call = client(w);
    const code = (
      await call(codes.POST, {
        method: "POST",
        url: "/",
        params: { user_id: "self" },
        token: w.student.token,
      })
    ).json.code;
    const input = body(w, { pairing_code: { code } });
    // Parent apps send form data with Rails brackets.
    const form = new URLSearchParams({
      "user[name]": "Casey Carer",
      "user[initial_enrollment_type]": "observer",
      "pseudonym[unique_id]": (input.pseudonym as { unique_id: string }).unique_id,
      "pseudonym[password]": "a-long-password-42",
      "pairing_code[code]": code,
    }).toString();
    const res = await call(accountUsers.POST, {
      method: "POST",
      url: "/",
      params: { account_id: "self" },
      form,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: "Casey Carer" });
    expect(
      await db.observationLink.count({
        where: { observerId: res.json.id, studentId: w.student.id, workflowState: "active" },
      }),
    ).toBe(1);
  });

  it("self-registration refusals: 403 when not allowed, 400 errors.pairing_code.code invalid, 400 naming pseudonym.unique_id", async () => {
    const w = await world();
    const call = client(w);
    const register = (json: unknown, host = w.domain) =>
      call(accountUsers.POST, { method: "POST", url: "/", params: { account_id: "self" }, json, host });
    const bad = await register(body(w, { pairing_code: { code: "ZZZZ-ZZZZ" } }));
    expect(bad.status).toBe(400);
    expect(bad.json.errors.pairing_code.code[0]).toMatchObject({ attribute: "code", type: "invalid" });
    const noCode = await register(body(w));
    expect(noCode.json.errors.pairing_code.code[0].type).toBe("invalid");
    const code = (
      await call(codes.POST, {
        method: "POST",
        url: "/",
        params: { user_id: "self" },
        token: w.student.token,
      })
    ).json.code;
    const taken = await register(
      body(w, {
        pseudonym: { unique_id: w.parent.login, password: "a-long-password-42" },
        pairing_code: { code },
      }),
    );
    expect(taken.status).toBe(400);
    expect(taken.json.errors.pseudonym.unique_id[0].message).toMatch(/already exists/);
    const closed = await world({ selfRegistration: "none" });
    const refused = await register(body(closed, { pairing_code: { code } }), closed.domain);
    expect(refused.status).toBe(403);
    expect(
      (
        await register({
          ...body(w, { pairing_code: { code } }),
          user: { name: "Student wannabe", initial_enrollment_type: "student" },
        })
      ).status,
    ).toBe(403);
    // The code survived every refusal.
    expect(await db.pairingCode.count({ where: { studentId: w.student.id, workflowState: "active" } })).toBe(
      1,
    );
  });
});
