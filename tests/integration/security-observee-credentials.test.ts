// POST /users/:id/observees with observee[unique_id] + observee[password] must not be a password
// oracle: one answer for every failure, the sign-in throttle's per-login budget, students only.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { signInLimits, throttledAttempt } from "../../lib/identity/throttle/index.ts";
import { activeLinks, redeem } from "../helpers/api-links.ts";
import { client, person, world } from "../helpers/api-world.ts";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import { TEST_PASSWORD, uid } from "../helpers/factory.ts";

const creds = (uniqueId: string, password: string) => ({
  json: { observee: { unique_id: uniqueId, password } },
});

describe("observee credentials: no password oracle", () => {
  it("unknown login, wrong password and a right password for a non-student all get one answer", async () => {
    const w = await world();
    const answers = [
      await redeem(w, creds(`nobody-${uid()}@x.test`, "whatever-1")),
      await redeem(w, creds(w.student.login, "wrong-password")),
      // Right passwords for logins that are not students: the root admin, a teacher, a stranger.
      await redeem(w, creds(w.admin.login, TEST_PASSWORD)),
      await redeem(w, creds(w.teacher.login, TEST_PASSWORD)),
      await redeem(w, creds(w.stranger.login, TEST_PASSWORD)),
    ];
    const shapes = answers.map((a) => ({ status: a.status, json: a.json }));
    expect(shapes).toEqual(
      Array(5).fill({ status: 422, json: { errors: [{ message: "Invalid credentials provided." }] } }),
    );
    expect(await activeLinks(w.parent.id)).toBe(0);
    // The audit log does not tell them apart either (admins read it).
    const reasons = await db.auditEvent.findMany({
      where: { action: "code.failed", targetId: w.parent.id },
      select: { data: true },
    });
    expect(new Set(reasons.map((r) => JSON.stringify(r.data))).size).toBe(1);
    // The student's own login and password still link.
    const ok = await redeem(w, creds(w.student.login.toUpperCase(), TEST_PASSWORD));
    expect(ok.status).toBe(200);
    expect(ok.json.id).toBe(w.student.id);
  });

  it("a student with no school shared with the observer gets the same answer", async () => {
    const w = await world();
    const res = await client(w)(observees.POST, {
      method: "POST",
      url: "/",
      params: { user_id: "self" },
      token: w.otherMember.token,
      // At the observer's own school (their token is no credential at the student's).
      host: w.otherDomain,
      json: { observee: { unique_id: w.student.login, password: TEST_PASSWORD }, root_account_id: "all" },
    });
    expect({ status: res.status, json: res.json }).toEqual({
      status: 422,
      json: { errors: [{ message: "Invalid credentials provided." }] },
    });
  });

  it("guesses count against the target login's sign-in budget from that address, shared with sign-in", async () => {
    const w = await world();
    const address = `203.0.113.9-${uid()}`;
    const signInFailure = (ip: string) =>
      throttledAttempt(signInLimits({ login: w.student.login, ip }), async (attempt) => attempt.fail());
    // Six wrong passwords at sign-in from one address …
    for (let i = 0; i < 6; i++) await signInFailure(address);
    // … then wrong passwords through this door from the same address, each by another observer,
    // so only the (login, address) sign-in budget (10 per window) can stop them.
    const guess = async (i: number) => {
      const p = await person(w.root.id);
      return client(w)(observees.POST, {
        method: "POST",
        url: "/",
        params: { user_id: "self" },
        token: p.token,
        ip: address,
        json: { observee: { unique_id: ` ${w.student.login.toUpperCase()} `, password: `guess-${i}` } },
      });
    };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await guess(i)).status);
    expect(statuses).toEqual([422, 422, 422, 422, 429, 429]);
    // And sign-in from that address is now refused for that login too …
    await expect(signInFailure(address)).rejects.toMatchObject({ code: "rate_limited" });
    // … but not from the student's own: a stranger's guesses never lock the owner out.
    await expect(
      throttledAttempt(
        signInLimits({ login: w.student.login, ip: `198.51.100.9-${uid()}` }),
        async () => "in",
      ),
    ).resolves.toBe("in");
  });
});
