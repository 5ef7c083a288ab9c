// Adversarial fixtures: schools answering their own Host, and members with recorded API tokens.
// Users are made without passwords (no Argon2 per user: the suite makes hundreds).
import { db } from "../../lib/platform/db.ts";
import { createCourse, enrollUser } from "../../lib/courses/provisioning.ts";
import { createRootAccount, createSubAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { createUserWithLogin } from "../../lib/identity/provisioning.ts";
import { uid } from "../helpers/factory.ts";
import { bearerFor, httpJson, recordIssued } from "./harness.ts";

export type Member = { id: number; name: string; login: string; token: string };
export type School = Awaited<ReturnType<typeof school>>;

/** A root account answering `domain`, with a sub-account holding one course. */
export async function school(opts: { teachersMayGenerateCodes?: boolean } = {}) {
  const domain = `adv-${uid()}.test`;
  const root = await createRootAccount({
    name: `School ${domain}`,
    domain,
    selfRegistration: "observers",
    teachersMayGenerateCodes: opts.teachersMayGenerateCodes ?? false,
  });
  const sub = await createSubAccount({ name: `Sub ${uid()}`, parentId: root.id });
  const course = await createCourse({ accountId: sub.id, name: `Course ${uid()}` });
  return { root, sub, course, domain };
}

/** A new user of the school with an API token. */
export async function member(s: School, role = "Member"): Promise<Member> {
  const login = `${role.toLowerCase()}-${uid()}@adv.example`;
  const user = await createUserWithLogin({
    name: `${role} ${uid()}`,
    uniqueId: login,
    rootAccountId: s.root.id,
  });
  return { id: user.id, name: user.name, login, token: await bearerFor(user.id) };
}

export async function students(s: School, n: number): Promise<Member[]> {
  const made: Member[] = [];
  for (let i = 0; i < n; i++) {
    const m = await member(s, "Student");
    await enrollUser({ courseId: s.course.id, userId: m.id, type: "student" });
    made.push(m);
  }
  return made;
}

/** Everyone of one school the authorization sweep acts as (parents observe nobody yet). */
export async function cast(s: School) {
  const [student, parent, teacher, subAdmin, rootAdmin] = await Promise.all([
    member(s, "Student"),
    member(s, "Parent"),
    member(s, "Teacher"),
    member(s, "SubAdmin"),
    member(s, "RootAdmin"),
  ]);
  await enrollUser({ courseId: s.course.id, userId: student.id, type: "student" });
  await enrollUser({ courseId: s.course.id, userId: teacher.id, type: "teacher" });
  await makeAccountAdmin({ accountId: s.sub.id, userId: subAdmin.id });
  await makeAccountAdmin({ accountId: s.root.id, userId: rootAdmin.id });
  return { student, parent, teacher, subAdmin, rootAdmin };
}

/** A student's pairing code, made as the student's app does (POST …/observer_pairing_codes); recorded. */
export async function pairingCode(s: School, student: Member): Promise<string> {
  const res = await httpJson("/api/v1/users/self/observer_pairing_codes", {
    method: "POST",
    host: s.domain,
    token: student.token,
  });
  if (res.status !== 200) throw new Error(`code generation: ${res.status} ${res.text}`);
  const code = (res.json as { code: string }).code;
  recordIssued("pairing-code", code);
  return code;
}

/** Throttling counters start over: a test about races or faults must not be refused as a guesser. */
export async function resetThrottles() {
  await db.$executeRaw`DELETE FROM rate_limit_counters`;
}
