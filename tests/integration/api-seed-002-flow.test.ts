// The automation of seed 002 ("Using the Canvas API to Automate Observer Account Creation"), its
// five steps exactly as the article sends them, run for a family with two children.
import { describe, expect, it } from "vitest";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import * as codes from "../../app/api/v1/users/[user_id]/observer_pairing_codes/route.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { client, person, world } from "../helpers/api-world.ts";
import { uid } from "../helpers/factory.ts";

describe("seed 002's five-step automation, unchanged", () => {
  it("finds the student, finds or creates the observer, generates a code and pairs with observee[unique_id] + pairing_code", async () => {
    const w = await world();
    const call = client(w);
    const sibling = await person(w.root.id, "Sibling", `S2-${uid()}`);
    await enrollUser({ courseId: w.course.id, userId: sibling.id, type: "student" });
    const email = `guardian-${uid()}@home.test`;
    const admin = w.admin.token;
    const search = (term: string) =>
      call(accountUsers.GET, {
        url: `/accounts/self/users?search_term=${encodeURIComponent(term)}&per_page=100`,
        params: { account_id: "self" },
        token: admin,
      });

    for (const child of [w.student, sibling]) {
      const sis = (await search(child.name)).json.find((u: { name: string }) => u.name === child.name);
      // Step 1: the student's id, by SIS id (an exact match among the results).
      const bySis = await search(sis.sis_user_id);
      const student = bySis.json.find((u: { sis_user_id: string }) => u.sis_user_id === sis.sis_user_id);
      expect(student.id).toBe(child.id);
      // Step 2: does the observer exist?
      const found = (await search(email)).json.find((u: { login_id: string }) => u.login_id === email);
      let observerId: number | undefined = found?.id;
      // Step 3: if so, are they already paired?
      if (observerId) {
        const list = await call(observees.GET, {
          url: `/users/${observerId}/observees`,
          params: { user_id: String(observerId) },
          token: admin,
        });
        expect(list.json.map((u: { id: number }) => u.id)).not.toContain(child.id);
      }
      // Step 4: a pairing code for the student.
      const code = await call(codes.POST, {
        method: "POST",
        url: `/users/${student.id}/observer_pairing_codes`,
        params: { user_id: String(student.id) },
        token: admin,
      });
      expect(code.status).toBe(200);
      // Step 5: create the observer (the first time), with force_self_registration.
      if (!observerId) {
        const made = await call(accountUsers.POST, {
          method: "POST",
          url: `/accounts/${w.root.id}/users?user[name]=Gale%20Guardian&pseudonym[unique_id]=${encodeURIComponent(email)}&pseudonym[force_self_registration]=true`,
          params: { account_id: String(w.root.id) },
          token: admin,
        });
        expect(made.status).toBe(200);
        observerId = made.json.id as number;
      }
      // Step 6: pair, sending the student's id as observee[unique_id] along with the code.
      const paired = await call(observees.POST, {
        method: "POST",
        url: `/users/${observerId}/observees?observee[unique_id]=${student.id}&pairing_code=${encodeURIComponent(code.json.code)}`,
        params: { user_id: String(observerId) },
        token: admin,
      });
      expect(paired.status).toBe(200);
      expect(paired.json.id).toBe(child.id);
    }

    const observer = (await search(email)).json[0];
    const list = await call(observees.GET, {
      url: `/users/${observer.id}/observees`,
      params: { user_id: String(observer.id) },
      token: admin,
    });
    expect(list.json.map((u: { id: number }) => u.id).sort()).toEqual([w.student.id, sibling.id].sort());
  });
});
