// The harness itself: the app answers over real HTTP with the test's database behind it, and a
// database restart injected through the runner is survived without restarting the app.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { defaultRootAccount, makeUser } from "../helpers/factory.ts";
import { bearerFor, eventually, httpJson, issuedSecrets, restartPostgres } from "./harness.ts";

describe("adversarial harness", () => {
  it("serves the test's database and recovers from a PostgreSQL restart by itself", async () => {
    const school = await defaultRootAccount();
    const user = await makeUser(school.id);
    const token = await bearerFor(user.id);
    expect(issuedSecrets().some((s) => s.value === token)).toBe(true);

    expect((await httpJson("/api/v1/users/self")).status).toBe(401);
    const self = await httpJson("/api/v1/users/self", { token });
    expect(self.status).toBe(200);
    expect(self.json).toMatchObject({ id: user.id });

    await restartPostgres("immediate");
    await eventually(async () => (await httpJson("/api/v1/users/self", { token })).status === 200);
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
  });
});
