import { describe, expect, it } from "vitest";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import * as observee from "../../app/api/v1/users/[user_id]/observees/[observee_id]/route.ts";
import * as user from "../../app/api/v1/users/[user_id]/route.ts";
import * as account from "../../app/api/v1/accounts/[account_id]/route.ts";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import * as courseEnrollments from "../../app/api/v1/courses/[course_id]/enrollments/route.ts";
import * as courses from "../../app/api/v1/accounts/[account_id]/courses/route.ts";
import * as userEnrollments from "../../app/api/v1/users/[user_id]/enrollments/route.ts";
import { client, world, type Call } from "../helpers/api-world.ts";

type Handler = Parameters<ReturnType<typeof client>>[0];

describe("bad input is a 4xx naming the problem, never a 500", () => {
  it("malformed ids, parameters of the wrong shape, broken bodies", async () => {
    const w = await world();
    const call = client(w);
    const cases: [Handler, Call][] = [
      [user.GET, { url: "/", params: { user_id: "sis_user_id:100%" }, token: w.admin.token }],
      [user.GET, { url: "/", params: { user_id: "%E0%A4%A" }, token: w.admin.token }],
      [user.GET, { url: "/", params: { user_id: "99999999999999999999" }, token: w.admin.token }],
      // A NUL in a path segment, typed or percent-encoded: PostgreSQL text cannot hold one.
      [userEnrollments.GET, { url: "/", params: { user_id: "sis_login_id:a%00b" }, token: w.admin.token }],
      [userEnrollments.GET, { url: "/", params: { user_id: "sis_user_id:\u0000" }, token: w.admin.token }],
      [account.GET, { url: "/", params: { account_id: "sis_account_id:%00" }, token: w.admin.token }],
      // Past PostgreSQL's integer but within what a looser check would let through.
      [user.GET, { url: "/", params: { user_id: "2147483648" }, token: w.admin.token }],
      [user.GET, { url: "/", params: { user_id: "999999999999999" }, token: w.admin.token }],
      [account.GET, { url: "/", params: { account_id: "999999999999999" }, token: w.admin.token }],
      [
        observee.DELETE,
        {
          method: "DELETE",
          url: "/",
          params: { user_id: "self", observee_id: "999999999999999" },
          token: w.parent.token,
        },
      ],
      [observees.GET, { url: "/", params: { user_id: "99999999999" }, token: w.admin.token }],
      [
        courseEnrollments.POST,
        {
          method: "POST",
          url: "/",
          params: { course_id: String(w.course.id) },
          token: w.admin.token,
          json: { enrollment: { user_id: 99999999999, type: "StudentEnrollment" } },
        },
      ],
      [user.GET, { url: "/?as_user_id=nobody", params: { user_id: "self" }, token: w.admin.token }],
      [account.GET, { url: "/", params: { account_id: "sis_account_id:%zz" }, token: w.admin.token }],
      [
        observees.GET,
        { url: "/?include[a]=b&page=-4&per_page=abc", params: { user_id: "self" }, token: w.parent.token },
      ],
      [
        observees.POST,
        {
          method: "POST",
          url: "/",
          params: { user_id: "self" },
          token: w.parent.token,
          json: { pairing_code: { nested: true } },
        },
      ],
      [
        observees.POST,
        {
          method: "POST",
          url: "/",
          params: { user_id: "self" },
          token: w.parent.token,
          json: { observee: "x" },
        },
      ],
      [
        observees.POST,
        { method: "POST", url: "/", params: { user_id: "self" }, token: w.parent.token, json: [1, 2] },
      ],
      [
        observees.POST,
        {
          method: "POST",
          url: "/",
          params: { user_id: "self" },
          token: w.parent.token,
          json: { pairing_code: "x".repeat(5000) },
        },
      ],
      [
        observee.PUT,
        {
          method: "PUT",
          url: "/?root_account_id=abc",
          params: { user_id: String(w.parent.id), observee_id: String(w.student.id) },
          token: w.admin.token,
        },
      ],
      [
        observee.DELETE,
        {
          method: "DELETE",
          url: "/?root_account_id=-1",
          params: { user_id: "self", observee_id: String(w.student.id) },
          token: w.parent.token,
        },
      ],
      [accountUsers.GET, { url: "/?search_term[]=ab", params: { account_id: "self" }, token: w.admin.token }],
      [
        accountUsers.POST,
        {
          method: "POST",
          url: "/",
          params: { account_id: "self" },
          token: w.admin.token,
          form: "user=string&pseudonym[unique_id]=",
        },
      ],
      [
        accountUsers.POST,
        { method: "POST", url: "/", params: { account_id: "self" }, multipart: { "user[name]": "X" } },
      ],
      [
        courses.POST,
        {
          method: "POST",
          url: "/",
          params: { account_id: "self" },
          token: w.admin.token,
          json: { course: "Math", offer: "maybe" },
        },
      ],
      [
        courseEnrollments.POST,
        {
          method: "POST",
          url: "/",
          params: { course_id: String(w.course.id) },
          token: w.admin.token,
          json: { enrollment: { user_id: "sis_user_id:nope", type: "StudentEnrollment" } },
        },
      ],
      [
        courseEnrollments.GET,
        { url: "/?type[]=Nope", params: { course_id: String(w.course.id) }, token: w.admin.token },
      ],
    ];
    for (const [handler, c] of cases) {
      const res = await call(handler, c);
      expect(res.status, `${c.method ?? "GET"} ${JSON.stringify(c.params)} ${c.url}`).toBeGreaterThanOrEqual(
        400,
      );
      expect(res.status, `${c.method ?? "GET"} ${JSON.stringify(c.params)} ${c.url}`).toBeLessThan(500);
      expect(JSON.stringify(res.json)).not.toMatch(/at .*\.ts:\d+|Prisma|stack/i);
    }
  });
});
