// Test data: every test makes its own accounts and users with unique names, so files run in parallel.
import { randomBytes } from "node:crypto";
import { db } from "../../lib/platform/db.ts";
import type { Actor } from "../../lib/accounts/actor.ts";
import { createCourse, enrollUser } from "../../lib/courses/provisioning.ts";
import { createRootAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { createUserWithLogin } from "../../lib/identity/provisioning.ts";
import type { SelfRegistration } from "../../lib/platform/generated/prisma/client.ts";

export const TEST_PASSWORD = "test-pass-4815";
export const uid = () => randomBytes(5).toString("hex");

export async function makeRootAccount(opts: { selfRegistration?: SelfRegistration; name?: string } = {}) {
  return createRootAccount({
    name: opts.name ?? `School ${uid()}`,
    selfRegistration: opts.selfRegistration ?? "observers",
  });
}

/** The root account that answers localhost (browser and HTTP tests sign in there). */
export async function defaultRootAccount() {
  const found = await db.account.findFirst({ where: { isDefault: true }, select: { id: true, name: true } });
  if (found) return found;
  try {
    return await createRootAccount({ name: "Test District", isDefault: true, selfRegistration: "observers" });
  } catch {
    return db.account.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, name: true } });
  }
}

export async function makeUser(
  rootAccountId: number,
  opts: { name?: string; login?: string; sisUserId?: string } = {},
) {
  const tag = uid();
  const login = opts.login ?? `user-${tag}@test.example`;
  const user = await createUserWithLogin({
    name: opts.name ?? `User ${tag}`,
    uniqueId: login,
    rootAccountId,
    password: TEST_PASSWORD,
    sisUserId: opts.sisUserId,
  });
  return { ...user, login };
}

export async function makeCourse(accountId: number, name = `Course ${uid()}`) {
  return createCourse({ accountId, name });
}

/** A student enrolled (actively) in `courses` new courses of the root account. */
export async function makeStudent(rootAccountId: number, opts: { courses?: number; name?: string } = {}) {
  const student = await makeUser(rootAccountId, { name: opts.name ?? `Student ${uid()}` });
  const courses = [];
  for (let i = 0; i < (opts.courses ?? 1); i++) {
    const course = await makeCourse(rootAccountId);
    await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
    courses.push(course);
  }
  return { ...student, courses };
}

export async function makeAdmin(accountId: number) {
  const admin = await makeUser(accountId, { name: `Admin ${uid()}` });
  await makeAccountAdmin({ accountId, userId: admin.id });
  return admin;
}

/** Each actor gets its own documentation-range IP unless told, so throttling per IP stays per test. */
export function actorFor(
  user: { id: number; name?: string },
  domainRootAccountId: number,
  ip: string | null = `2001:db8::${uid().slice(0, 4)}:${uid().slice(0, 4)}`,
): Actor {
  return { userId: user.id, name: user.name ?? "Test", domainRootAccountId, ip, via: "token" };
}
