// The session-authenticated CSV downloads answer errors through the one code→HTTP table.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../lib/accounts/actor.ts";
import { AppError } from "../../lib/platform/errors.ts";
import { actorFor, makeAdmin, makeCourse, makeRootAccount, makeUser } from "../helpers/factory.ts";

const session = vi.hoisted(() => ({ actor: null as Actor | null, fail: null as unknown }));
vi.mock("../../lib/identity/session.ts", () => ({ getActor: async () => session.actor }));
vi.mock("../../lib/admin/courses.ts", async (original) => {
  const real = await original<typeof import("../../lib/admin/courses.ts")>();
  return {
    ...real,
    courseCodesCsv: (...args: Parameters<typeof real.courseCodesCsv>) => {
      if (session.fail) throw session.fail;
      return real.courseCodesCsv(...args);
    },
  };
});

const { GET: exportAudit } = await import("../../app/(app)/admin/audit/export/route.ts");
const { POST: courseCsv } = await import("../../app/(app)/courses/[id]/pairing-codes.csv/route.ts");

const post = (id: string | number, origin?: string) =>
  courseCsv(
    new Request(`http://localhost/courses/${id}/pairing-codes.csv`, {
      method: "POST",
      headers: { host: "localhost", ...(origin ? { origin } : {}) },
    }),
    { params: Promise.resolve({ id: String(id) }) },
  );
const audit = (query = "") => exportAudit(new Request(`http://localhost/admin/audit/export${query}`), {});

beforeEach(() => {
  session.actor = null;
  session.fail = null;
});

describe("CSV downloads", () => {
  it("admins get the CSV; others get the table's status as plain text", async () => {
    const account = await makeRootAccount();
    const admin = actorFor(await makeAdmin(account.id), account.id);
    const course = await makeCourse(account.id);

    expect((await audit()).status).toBe(401);
    expect((await post(course.id)).status).toBe(401);

    session.actor = admin;
    const ok = await audit();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/csv");
    expect((await post(course.id)).status).toBe(200);
    expect((await audit("?action=nonsense")).status).toBe(400);
    expect((await post(course.id, "https://evil.example")).status).toBe(403);
    expect((await post("abc")).status).toBe(404);
    expect((await post(2_000_000_000)).status).toBe(404);

    // Not an admin: "unauthorized" is the table's 401 (the audit export used to say 404).
    session.actor = actorFor(await makeUser(account.id), account.id);
    const refused = await audit();
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toContain("text/plain");
    expect(await refused.text()).toBe("user not authorized to perform that action");
  });

  it("a throttled caller gets 429 with Retry-After; an unexpected error is a bare 500", async () => {
    const account = await makeRootAccount();
    session.actor = actorFor(await makeAdmin(account.id), account.id);
    const course = await makeCourse(account.id);

    session.fail = new AppError("rate_limited", "Too many attempts.", { retryAfter: 42 });
    const throttled = await post(course.id);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("42");

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    session.fail = new Error("connection reset at db.ts:42");
    const broken = await post(course.id);
    expect(broken.status).toBe(500);
    const body = await broken.text();
    expect(body).toBe("An unexpected error occurred.");
    expect(body).not.toContain("db.ts");
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
