import { describe, expect, it } from "vitest";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import { db } from "../../lib/platform/db.ts";
import { client, world, type World } from "../helpers/api-world.ts";
import { newCode } from "../helpers/api-links.ts";
import { uid } from "../helpers/factory.ts";

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
    // Another school's admin is anonymous here: a self-registration without a code, refused.
    expect((await create(body(w), w.otherAdmin.token)).status).toBe(400);
  });

  it("self-registration with a pairing code (no token): user, login and link in one go", async () => {
    const w = await world();
    const call = client(w);
    const code = await newCode(w);
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

  it("self-registration refusals: 403 when not allowed, 400 errors.pairing_code.code invalid, the same for an email with an account", async () => {
    const w = await world();
    const call = client(w);
    const register = (json: unknown, host = w.domain) =>
      call(accountUsers.POST, { method: "POST", url: "/", params: { account_id: "self" }, json, host });
    const bad = await register(body(w, { pairing_code: { code: "ZZZZ-ZZZZ" } }));
    expect(bad.status).toBe(400);
    expect(bad.json.errors.pairing_code.code[0]).toMatchObject({ attribute: "code", type: "invalid" });
    const noCode = await register(body(w));
    expect(noCode.json.errors.pairing_code.code[0].type).toBe("invalid");
    const code = await newCode(w);
    const taken = await register(
      body(w, {
        pseudonym: { unique_id: w.parent.login, password: "a-long-password-42" },
        pairing_code: { code },
      }),
    );
    // An email with an account answers as a wrong code (its owner is emailed instead).
    expect({ status: taken.status, json: taken.json }).toEqual({ status: bad.status, json: bad.json });
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
