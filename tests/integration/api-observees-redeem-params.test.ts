import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import { TEST_PASSWORD } from "../helpers/factory.ts";
import { client, person, world } from "../helpers/api-world.ts";
import { activeLinks, newCode, redeem } from "../helpers/api-links.ts";

describe("POST /users/:id/observees — every parameter style", () => {
  it("pairing_code in the query string only, JSON, form-urlencoded and multipart", async () => {
    const w = await world();
    const parents = await Promise.all([0, 1, 2, 3].map(() => person(w.root.id)));
    const styles = [
      async (code: string, token: string) =>
        redeem(w, { url: `/users/self/observees?pairing_code=${code}`, token }),
      async (code: string, token: string) => redeem(w, { json: { pairing_code: code }, token }),
      async (code: string, token: string) =>
        redeem(w, { form: `pairing_code=${encodeURIComponent(code)}&root_account_id=${w.root.id}`, token }),
      async (code: string, token: string) =>
        redeem(w, { multipart: { pairing_code: code.toLowerCase() }, token }),
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
    const bad = await redeem(w, { json: { access_token: "opk_nope" }, token: w.stranger.token });
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual({ errors: [{ message: "Unknown observee." }] });
  });

  it("observee[unique_id] + observee[password]: right → 200; wrong password and unknown login → one 422", async () => {
    const w = await world();
    const wrong = await redeem(w, {
      form: `observee[unique_id]=${encodeURIComponent(w.student.login)}&observee[password]=nope-nope-nope`,
    });
    const unknown = await redeem(w, {
      json: { observee: { unique_id: "nobody@nowhere.test", password: TEST_PASSWORD } },
    });
    // Canvas: 401 and 422 "Unknown observee."; one answer, so logins and passwords cannot be told apart.
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(422);
      expect(res.json).toEqual({ errors: [{ message: "Invalid credentials provided." }] });
    }
    const half = await redeem(w, { json: { observee: { unique_id: w.student.login } } });
    expect(half.status).toBe(400);
    expect(half.json.errors[0].message).toContain("observee[password]");
    const ok = await redeem(w, {
      url: `/users/self/observees?observee[unique_id]=${encodeURIComponent(w.student.login)}&observee[password]=${TEST_PASSWORD}`,
    });
    expect(ok.status).toBe(200);
    expect(ok.json.id).toBe(w.student.id);
  });
});
