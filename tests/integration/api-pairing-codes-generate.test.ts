import { describe, expect, it } from "vitest";
import * as codes from "../../app/api/v1/users/[user_id]/observer_pairing_codes/route.ts";
import { UNAUTHENTICATED, client, world, type World } from "../helpers/api-world.ts";

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
    expect(anonymous.json).toEqual(UNAUTHENTICATED);
    const teachersMay = await world({ teachersMayGenerateCodes: true });
    expect((await gen(teachersMay, teachersMay.teacher.token)).status).toBe(200);
    const closed = await world({ selfRegistration: "none" });
    expect((await gen(closed, closed.student.token)).status).toBe(403);
  });
});
