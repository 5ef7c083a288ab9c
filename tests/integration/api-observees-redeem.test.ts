import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import * as codes from "../../app/api/v1/users/[user_id]/observer_pairing_codes/route.ts";
import { db } from "../../lib/db.ts";
import { TEST_PASSWORD, makeUser } from "../helpers/factory.ts";
import { api, client, world, type World } from "../helpers/api-world.ts";
import { tokenFor } from "../helpers/api.ts";

async function newCode(w: World, token = w.student.token) {
  const res = await client(w)(codes.POST, {
    method: "POST",
    url: "/users/self/observer_pairing_codes",
    params: { user_id: "self" },
    token,
  });
  expect(res.status).toBe(200);
  return res.json.code as string;
}

const post = (
  w: World,
  c: {
    url?: string;
    token?: string;
    json?: unknown;
    form?: string;
    multipart?: Record<string, string>;
    headers?: Record<string, string>;
  },
) =>
  client(w)(observees.POST, {
    method: "POST",
    url: c.url ?? "/users/self/observees",
    params: { user_id: "self" },
    token: c.token ?? w.parent.token,
    ...c,
  });

const activeLinks = (observerId: number) =>
  db.observationLink.count({ where: { observerId, workflowState: "active" } });

describe("POST /users/:id/observees — every parameter style", () => {
  it("pairing_code in the query string only, JSON, form-urlencoded and multipart", async () => {
    const w = await world();
    const parents = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const p = await makeUser(w.root.id);
        return { ...p, token: await tokenFor(p.id) };
      }),
    );
    const styles = [
      async (code: string, token: string) =>
        post(w, { url: `/users/self/observees?pairing_code=${code}`, token }),
      async (code: string, token: string) => post(w, { json: { pairing_code: code }, token }),
      async (code: string, token: string) =>
        post(w, { form: `pairing_code=${encodeURIComponent(code)}&root_account_id=${w.root.id}`, token }),
      async (code: string, token: string) =>
        post(w, { multipart: { pairing_code: code.toLowerCase() }, token }),
    ];
    for (const [i, style] of styles.entries()) {
      const res = await style(await newCode(w), parents[i].token);
      expect(res.status, `style ${i}`).toBe(200);
      expect(res.json).toMatchObject({ id: w.student.id, name: w.student.name });
      expect(await activeLinks(parents[i].id)).toBe(1);
    }
  });

  it("access_token in the query string authenticates the caller; the student's token may come in the body", async () => {
    const w = await world();
    const viaQuery = await client(w)(observees.POST, {
      method: "POST",
      url: `/users/self/observees?access_token=${w.parent.token}`,
      params: { user_id: "self" },
      json: { access_token: w.student.token },
    });
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.json.id).toBe(w.student.id);
    // The caller's own token in the query is not mistaken for the student's.
    const onlyAuth = await client(w)(observees.POST, {
      method: "POST",
      url: `/users/self/observees?access_token=${w.stranger.token}`,
      params: { user_id: "self" },
    });
    expect(onlyAuth.status).toBe(400);
    const bad = await post(w, { json: { access_token: "opk_nope" }, token: w.stranger.token });
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual({ errors: [{ message: "Unknown observee." }] });
  });

  it("observee[unique_id] + observee[password]: right → 200, wrong password → 401, unknown login → 422", async () => {
    const w = await world();
    const wrong = await post(w, {
      form: `observee[unique_id]=${encodeURIComponent(w.student.login)}&observee[password]=nope-nope-nope`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({
      status: "unauthorized",
      errors: [{ message: "Invalid credentials provided." }],
    });
    const unknown = await post(w, {
      json: { observee: { unique_id: "nobody@nowhere.test", password: TEST_PASSWORD } },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toEqual({ errors: [{ message: "Unknown observee." }] });
    const half = await post(w, { json: { observee: { unique_id: w.student.login } } });
    expect(half.status).toBe(400);
    expect(half.json.errors[0].message).toContain("observee[password]");
    const ok = await post(w, {
      url: `/users/self/observees?observee[unique_id]=${encodeURIComponent(w.student.login)}&observee[password]=${TEST_PASSWORD}`,
    });
    expect(ok.status).toBe(200);
    expect(ok.json.id).toBe(w.student.id);
  });
});

describe("POST /users/:id/observees — Canvas's bugs, fixed", () => {
  it("no parameters → 400 naming them (Canvas: 500); malformed JSON → 400", async () => {
    const w = await world();
    const none = await post(w, {});
    expect(none.status).toBe(400);
    expect(none.json.errors[0].message).toMatch(/pairing_code.*access_token.*observee\[unique_id\]/);
    const broken = await api(observees.POST, {
      method: "POST",
      url: "/users/self/observees",
      params: { user_id: "self" },
      token: w.parent.token,
      host: w.domain,
      headers: { "content-type": "application/json" },
      form: "{not json",
    });
    expect(broken.status).toBe(400);
  });

  it("redeeming your own code → 422 and the code stays usable", async () => {
    const w = await world();
    const code = await newCode(w);
    const own = await post(w, { json: { pairing_code: code }, token: w.student.token });
    expect(own.status).toBe(422);
    expect(own.json).toEqual({ errors: [{ message: "Invalid pairing code." }] });
    expect((await post(w, { json: { pairing_code: code } })).status).toBe(200);
  });

  it("a code whose student shares no root account with the observer → 422, code intact", async () => {
    const w = await world();
    const code = await newCode(w);
    const res = await client(w)(observees.POST, {
      method: "POST",
      url: "/",
      params: { user_id: "self" },
      token: w.otherMember.token,
      host: w.otherDomain,
      json: { pairing_code: code, root_account_id: "all" },
    });
    expect(res.status).toBe(422);
    expect(await db.pairingCode.count({ where: { studentId: w.student.id, workflowState: "active" } })).toBe(
      1,
    );
  });

  it("an admin redeems for an observer of their school; another school's admin gets 401 and the code survives", async () => {
    const w = await world();
    const code = await newCode(w);
    const refused = await client(w)(observees.POST, {
      method: "POST",
      url: "/",
      params: { user_id: String(w.parent.id) },
      token: w.otherAdmin.token,
      json: { pairing_code: code },
    });
    expect(refused.status).toBe(401);
    // Neither may a sub-account admin, a teacher or a stranger act for the parent, nor anyone without a token.
    for (const token of [w.subAdmin.token, w.teacher.token, w.stranger.token]) {
      expect(
        (
          await client(w)(observees.POST, {
            method: "POST",
            url: "/",
            params: { user_id: String(w.parent.id) },
            token,
            json: { pairing_code: code },
          })
        ).status,
      ).toBe(401);
    }
    const anonymous = await client(w)(observees.POST, {
      method: "POST",
      url: "/",
      params: { user_id: String(w.parent.id) },
      json: { pairing_code: code },
    });
    expect(anonymous.json).toMatchObject({ status: "unauthenticated" });
    const byAdmin = await client(w)(observees.POST, {
      method: "POST",
      url: "/",
      params: { user_id: String(w.parent.id) },
      token: w.admin.token,
      json: { pairing_code: code },
    });
    expect(byAdmin.status).toBe(200);
    expect(await activeLinks(w.parent.id)).toBe(1);
  });

  it("throttling: a run of wrong guesses ends in 429 with Retry-After; the right code is then refused too", async () => {
    const w = await world();
    const code = await newCode(w);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await post(w, { json: { pairing_code: "ZZZZ-ZZZZ" } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const right = await post(w, { json: { pairing_code: code } });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(right.json.errors[0].message).toMatch(/Too many/);
    expect(await activeLinks(w.parent.id)).toBe(0);
  });

  it("30 concurrent redemptions of one code through the API: one link, 29 × 422", async () => {
    const w = await world();
    const parents = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const p = await makeUser(w.root.id);
        return { ...p, token: await tokenFor(p.id) };
      }),
    );
    const code = await newCode(w);
    const results = await Promise.all(
      parents.map((p, i) =>
        client(w)(observees.POST, {
          method: "POST",
          url: "/",
          params: { user_id: "self" },
          token: p.token,
          ip: `192.0.2.${i}`,
          json: { pairing_code: code },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 422)).toHaveLength(29);
    expect(
      await db.observationLink.count({ where: { studentId: w.student.id, workflowState: "active" } }),
    ).toBe(1);
  });
});

describe("POST /users/:id/observer_pairing_codes — who may generate", () => {
  it("the student, an admin, a teacher only where allowed; never an unrelated user; 403 with self-registration off", async () => {
    const gen = (w: World, token: string) =>
      client(w)(codes.POST, { method: "POST", url: "/", params: { user_id: String(w.student.id) }, token });
    const w = await world();
    expect((await gen(w, w.student.token)).status).toBe(200);
    expect((await gen(w, w.admin.token)).status).toBe(200);
    expect((await gen(w, w.teacher.token)).status).toBe(401);
    expect((await gen(w, w.stranger.token)).status).toBe(401);
    expect((await gen(w, w.otherAdmin.token)).status).toBe(401);
    // The sub-account admin of the student's course may (Canvas's per-course permission).
    expect((await gen(w, w.subAdmin.token)).status).toBe(200);
    const anonymous = await client(w)(codes.POST, {
      method: "POST",
      url: "/",
      params: { user_id: String(w.student.id) },
    });
    expect(anonymous.json).toEqual({
      status: "unauthenticated",
      errors: [{ message: "user authorization required" }],
    });
    const teachersMay = await world({ teachersMayGenerateCodes: true });
    expect((await gen(teachersMay, teachersMay.teacher.token)).status).toBe(200);
    const closed = await world({ selfRegistration: "none" });
    expect((await gen(closed, closed.student.token)).status).toBe(403);
  });
});
