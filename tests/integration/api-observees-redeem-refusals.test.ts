import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import { db } from "../../lib/platform/db.ts";
import { api, client, person, world } from "../helpers/api-world.ts";
import { activeLinks, newCode, redeem } from "../helpers/api-links.ts";

describe("POST /users/:id/observees — Canvas's bugs, fixed", () => {
  it("no parameters → 400 naming them (Canvas: 500); malformed JSON → 400", async () => {
    const w = await world();
    const none = await redeem(w, {});
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
    const own = await redeem(w, { json: { pairing_code: code }, token: w.student.token });
    expect(own.status).toBe(422);
    expect(own.json).toEqual({ errors: [{ message: "Invalid pairing code." }] });
    expect((await redeem(w, { json: { pairing_code: code } })).status).toBe(200);
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
      statuses.push((await redeem(w, { json: { pairing_code: "ZZZZ-ZZZZ" } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const right = await redeem(w, { json: { pairing_code: code } });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(right.json.errors[0].message).toMatch(/Too many/);
    expect(await activeLinks(w.parent.id)).toBe(0);
  });

  it("30 concurrent redemptions of one code through the API: one link, 29 × 422", async () => {
    const w = await world();
    const parents = await Promise.all(Array.from({ length: 30 }, () => person(w.root.id)));
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
