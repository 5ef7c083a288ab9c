// The authorization sweep of the REST API: every operation of the served OpenAPI document, aimed
// at another user's or school's objects by a student, a parent, a teacher, a sub-account admin,
// the root admin of another school (on its own host and on the victims') and an anonymous caller
// → no 5xx, no write (the database unchanged), and no foreign data in any answer.
import { beforeAll, describe, expect, it } from "vitest";
import { SWEEP_CASES } from "./authz-api-cases.ts";
import { authzWorld, foreignStrings, snapshot } from "./authz-world.ts";
import { httpJson } from "./harness.ts";
import { servedOperations } from "./openapi.ts";

describe("authorization sweep of /api/v1", () => {
  let world: Awaited<ReturnType<typeof authzWorld>>;
  beforeAll(async () => {
    world = await authzWorld();
  });

  it("has a sweep case for every operation the app serves (and none for a route that is gone)", async () => {
    const served = (await servedOperations()).map((o) => o.operationId).sort();
    expect(served.filter((id) => !(id in SWEEP_CASES))).toEqual([]);
    expect(Object.keys(SWEEP_CASES).filter((id) => !served.includes(id))).toEqual([]);
  });

  it("refuses every role every other user's and school's objects: no read or write leaks", async () => {
    const ops = await servedOperations();
    const problems: string[] = [];
    let requests = 0;
    for (const { actor, targets } of world.sweeps)
      for (const t of targets)
        for (const op of ops)
          for (const r of SWEEP_CASES[op.operationId](t)) {
            const write = r.method !== "GET";
            const before = write ? await snapshot() : null;
            const res = await httpJson(`/api/v1${r.path}`, {
              method: r.method,
              host: actor.host,
              token: actor.token ?? undefined,
              body: r.body === undefined ? undefined : JSON.stringify(r.body),
              headers: r.body === undefined ? undefined : { "content-type": "application/json" },
            });
            requests++;
            const where = `${actor.role} → ${r.method} ${r.path} (${op.operationId}, school ${t.school.domain})`;
            if (res.status >= 500) problems.push(`${where}: ${res.status}`);
            else if (write && res.status < 400) problems.push(`${where}: a write answered ${res.status}`);
            else if (!write && res.status >= 300 && res.status < 400) problems.push(`${where}: redirected`);
            const leaked = foreignStrings(t, actor.schoolId).filter((s) => res.text.includes(s));
            if (leaked.length) problems.push(`${where}: ${res.status} leaks ${leaked.join(", ")}`);
            if (write) {
              const after = await snapshot();
              const changed = Object.keys(after).filter((k) => after[k] !== before![k]);
              if (changed.length) problems.push(`${where}: ${res.status} changed ${changed.join(", ")}`);
            }
          }
    console.log(`authorization sweep: ${requests} requests, ${world.sweeps.length} actors`);
    expect(problems).toEqual([]);
  });
});
