// A student enrolled in two schools, a parent linked in school A only, admins of school A: none of
// them may see school B's enrollments, login ids or SIS ids, whichever host they call.
import { describe, expect, it } from "vitest";
import * as user from "../../app/api/v1/users/[user_id]/route.ts";
import * as userEnrollments from "../../app/api/v1/users/[user_id]/enrollments/route.ts";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import { db } from "../../lib/platform/db.ts";
import { getUserDetail } from "../../lib/admin/users.ts";
import { createEnrollment } from "../../lib/courses/enrollments/create.ts";
import { listObserveesWithCourses } from "../../lib/observer-links/views.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { client, world } from "../helpers/api-world.ts";
import { linkParent } from "../helpers/api-links.ts";
import { actorFor, makeCourse, makeUser, uid } from "../helpers/factory.ts";

/** The world, with its student also in school B (a login with a SIS id, a course) and the parent linked in A. */
async function twoSchools() {
  const w = await world();
  const tag = uid();
  const bLogin = `b-${tag}@other.test`;
  const bSis = `B-SIS-${tag}`;
  await db.login.create({
    data: {
      userId: w.student.id,
      rootAccountId: w.other.id,
      uniqueId: bLogin,
      uniqueIdNormalized: bLogin,
      sisUserId: bSis,
    },
  });
  // The parent belongs to school B too (so B could link them), but is linked in A only.
  const pLogin = `pb-${tag}@other.test`;
  await db.login.create({
    data: { userId: w.parent.id, rootAccountId: w.other.id, uniqueId: pLogin, uniqueIdNormalized: pLogin },
  });
  const bCourse = await makeCourse(w.other.id, `B course ${tag}`);
  await enrollUser({ courseId: bCourse.id, userId: w.student.id, type: "student" });
  await linkParent(w);
  const links = await db.observationLink.findMany({
    where: { observerId: w.parent.id, studentId: w.student.id, workflowState: "active" },
    select: { rootAccountId: true },
  });
  expect(links).toEqual([{ rootAccountId: w.root.id }]);
  return { ...w, bLogin, bSis, bCourse, call: client(w) };
}

const leaks = (json: unknown, s: { bLogin: string; bSis: string }) => {
  const text = JSON.stringify(json);
  return text.includes(s.bLogin) || text.includes(s.bSis);
};

describe("cross-school: what the link or the admin role covers, nothing more", () => {
  it("an observer linked in A sees the student's enrollments in A only (GET /users/:id/enrollments)", async () => {
    const s = await twoSchools();
    for (const host of [s.domain, s.otherDomain]) {
      const res = await s.call(userEnrollments.GET, {
        url: `/users/${s.student.id}/enrollments`,
        params: { user_id: String(s.student.id) },
        token: s.parent.token,
        host,
      });
      expect(res.status).toBe(200);
      expect(res.json.map((e: { course_id: number }) => e.course_id)).toEqual([s.course.id]);
    }
  });

  it("the Observing page lists only courses of the schools where the link is active", async () => {
    const s = await twoSchools();
    // School B's admin enrolls the parent as the student's observer in B's course by hand: no link in B.
    await createEnrollment(actorFor(s.otherAdmin, s.other.id), {
      courseId: s.bCourse.id,
      userId: s.parent.id,
      type: "observer",
      associatedUserId: s.student.id,
      state: "active",
    });
    // A second student, linked in B, puts B in the scope of whoever looks at both schools.
    const kid = await makeUser(s.other.id);
    await db.observationLink.create({
      data: { studentId: kid.id, observerId: s.parent.id, rootAccountId: s.other.id, method: "admin" },
    });
    await makeAccountAdmin({ accountId: s.other.id, userId: s.admin.id });
    for (const [who, actor] of [
      ["parent", actorFor(s.parent, s.root.id)],
      ["admin of A and B", actorFor(s.admin, s.root.id)],
    ] as const) {
      const rows = await listObserveesWithCourses(actor, { observerId: s.parent.id });
      const mine = rows.find((r) => r.id === s.student.id)!;
      expect(mine.rootAccountIds, who).toEqual([s.root.id]);
      expect(
        mine.courses.map((c) => c.id),
        who,
      ).toEqual([s.course.id]);
    }
  });

  it("GET /users/:id: admins of A never see B's login or SIS id, on either host or with A's login gone", async () => {
    const s = await twoSchools();
    for (const who of [s.admin, s.subAdmin])
      for (const host of [s.domain, s.otherDomain]) {
        const res = await s.call(user.GET, {
          url: `/users/${s.student.id}`,
          params: { user_id: String(s.student.id) },
          token: who.token,
          host,
        });
        // On B's host A's admins are anonymous (tokens are bound to their schools).
        if (host === s.otherDomain) {
          expect(res.status).toBe(401);
          continue;
        }
        expect(res.status).toBe(200);
        expect(res.json.login_id).toBe(s.student.login);
        expect(leaks(res.json, s)).toBe(false);
      }
    await db.login.updateMany({
      where: { userId: s.student.id, rootAccountId: s.root.id },
      data: { workflowState: "deleted" },
    });
    const res = await s.call(user.GET, {
      url: `/users/${s.student.id}`,
      params: { user_id: String(s.student.id) },
      token: s.admin.token,
    });
    expect(res.status).toBe(200);
    expect(leaks(res.json, s)).toBe(false);
    expect(res.json.login_id).toBeUndefined();
  });

  it("account users (GET /accounts/:id/users) show only the account's school's login and SIS id", async () => {
    const s = await twoSchools();
    await db.login.updateMany({
      where: { userId: s.student.id, rootAccountId: s.root.id },
      data: { workflowState: "deleted" },
    });
    // Still enrolled in the sub-account's course, so still one of its users.
    for (const who of [s.admin, s.subAdmin]) {
      const res = await s.call(accountUsers.GET, {
        url: `/accounts/${s.sub.id}/users?per_page=100`,
        params: { account_id: String(s.sub.id) },
        token: who.token,
      });
      expect(res.status).toBe(200);
      const row = res.json.find((u: { id: number }) => u.id === s.student.id);
      expect(row).toBeDefined();
      expect(leaks(row, s)).toBe(false);
    }
  });

  it("observee rows and the admin user page carry school A's logins and enrollments only", async () => {
    const s = await twoSchools();
    for (const host of [s.domain, s.otherDomain]) {
      const res = await s.call(observees.GET, {
        url: `/users/${s.parent.id}/observees`,
        params: { user_id: String(s.parent.id) },
        token: s.admin.token,
        host,
      });
      if (host === s.otherDomain) {
        expect(res.status).toBe(401);
        continue;
      }
      expect(res.status).toBe(200);
      expect(res.json.map((u: { id: number }) => u.id)).toEqual([s.student.id]);
      expect(leaks(res.json, s)).toBe(false);
    }
    for (const who of [s.admin, s.subAdmin]) {
      const detail = await getUserDetail(actorFor(who, s.other.id), s.student.id);
      expect(leaks(detail, s)).toBe(false);
      expect(detail.logins.map((l) => l.rootAccountId)).toEqual([s.root.id]);
      expect(detail.enrollments.map((e) => e.course.id)).toEqual([s.course.id]);
    }
  });
});
