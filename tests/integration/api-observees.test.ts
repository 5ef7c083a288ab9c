import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import * as codes from "../../app/api/v1/users/[user_id]/observer_pairing_codes/route.ts";
import { db } from "../../lib/platform/db.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { call, tokenFor } from "../helpers/api.ts";
import { makeStudent, makeUser, uid } from "../helpers/factory.ts";

// Each test's root account answers its own host name, as a school's domain would.
async function school() {
  const domain = `school-${uid()}.test`;
  const account = await createRootAccount({
    name: `School ${domain}`,
    domain,
    selfRegistration: "observers",
  });
  const student = await makeStudent(account.id, { courses: 1 });
  const parent = await makeUser(account.id);
  return {
    account,
    domain,
    student,
    parent,
    studentToken: await tokenFor(student.id),
    parentToken: await tokenFor(parent.id),
  };
}

describe("Canvas-compatible observees and pairing-code routes", () => {
  it("round trip: POST observer_pairing_codes → POST observees (pairing_code) → GET observees", async () => {
    const s = await school();
    const gen = await call(codes.POST, {
      url: "/api/v1/users/self/observer_pairing_codes",
      method: "POST",
      params: { user_id: "self" },
      token: s.studentToken,
      host: s.domain,
    });
    expect(gen.status).toBe(200);
    expect(gen.json).toEqual({
      user_id: s.student.id,
      code: expect.stringMatching(/^\w{4}-\w{4}$/),
      expires_at: expect.any(String),
      workflow_state: "active",
    });

    const add = await call(observees.POST, {
      url: `/api/v1/users/${s.parent.id}/observees`,
      method: "POST",
      params: { user_id: String(s.parent.id) },
      token: s.parentToken,
      host: s.domain,
      form: true,
      body: `pairing_code=${gen.json.code}`,
    });
    expect(add.status).toBe(200);
    expect(add.json).toMatchObject({
      id: s.student.id,
      name: s.student.name,
      sortable_name: expect.any(String),
      short_name: expect.any(String),
      created_at: expect.any(String),
    });

    const list = await call(observees.GET, {
      url: "/api/v1/users/self/observees",
      params: { user_id: "self" },
      token: s.parentToken,
      host: s.domain,
    });
    expect(list.status).toBe(200);
    expect(list.json).toEqual([
      {
        id: s.student.id,
        name: s.student.name,
        created_at: expect.any(String),
        sortable_name: expect.any(String),
        short_name: expect.any(String),
        observation_link_root_account_ids: [s.account.id],
      },
    ]);
    expect(list.headers.get("link")).toContain('rel="current"');
    // The listing (hand-written SQL) and the redemption (Prisma) describe the student identically,
    // down to the stored UTC creation time, whatever the server's time zone.
    const stored = await db.user.findUniqueOrThrow({
      where: { id: s.student.id },
      select: { createdAt: true, sortableName: true, shortName: true },
    });
    expect(list.json[0]).toMatchObject({
      created_at: stored.createdAt.toISOString(),
      sortable_name: stored.sortableName,
      short_name: stored.shortName,
    });
    expect(add.json.created_at).toBe(list.json[0].created_at);
  });

  it("401 unauthenticated without a token, in Canvas's shape", async () => {
    const res = await call(observees.GET, {
      url: "/api/v1/users/self/observees",
      params: { user_id: "self" },
    });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      status: "unauthenticated",
      errors: [{ message: "user authorization required" }],
    });
    const bad = await call(observees.GET, {
      url: "/api/v1/users/self/observees",
      params: { user_id: "self" },
      token: "opk_not-a-token",
    });
    expect(bad.status).toBe(401);
  });

  it("401 unauthorized when listing another user's observees", async () => {
    const s = await school();
    const res = await call(observees.GET, {
      url: `/api/v1/users/${s.parent.id}/observees`,
      params: { user_id: String(s.parent.id) },
      token: s.studentToken,
      host: s.domain,
    });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      status: "unauthorized",
      errors: [{ message: "user not authorized to perform that action" }],
    });
  });

  it("404 for an unknown user", async () => {
    const s = await school();
    const res = await call(observees.GET, {
      url: "/api/v1/users/99999999/observees",
      params: { user_id: "99999999" },
      token: s.parentToken,
      host: s.domain,
    });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errors: [{ message: "The specified resource does not exist." }] });
  });

  it("422 for a bad code, 400 (not Canvas's 500) without parameters", async () => {
    const s = await school();
    const bad = await call(observees.POST, {
      url: "/api/v1/users/self/observees",
      method: "POST",
      params: { user_id: "self" },
      token: s.parentToken,
      host: s.domain,
      body: { pairing_code: "AAAA-AAAA" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual({ errors: [{ message: "Invalid pairing code." }] });
    const none = await call(observees.POST, {
      url: "/api/v1/users/self/observees",
      method: "POST",
      params: { user_id: "self" },
      token: s.parentToken,
      host: s.domain,
    });
    expect(none.status).toBe(400);
    expect(none.json.errors[0].message).toContain("pairing_code");
  });

  it("a user without a student enrollment asking for a code gets 401", async () => {
    const s = await school();
    const res = await call(codes.POST, {
      url: "/api/v1/users/self/observer_pairing_codes",
      method: "POST",
      params: { user_id: "self" },
      token: s.parentToken,
      host: s.domain,
    });
    expect(res.status).toBe(401);
    expect(res.json.status).toBe("unauthorized");
    expect(await db.pairingCode.count({ where: { studentId: s.parent.id } })).toBe(0);
  });
});
