// The authorization sweep's world: school A (where five of the actors belong, and the victims),
// school B (another school: its root admin acts on A's ids; A's actors act on B's ids), and what
// must never leak or change.
import { db } from "../../lib/platform/db.ts";
import { linkInAccountsTx } from "../../lib/observer-links/core.ts";
import { createCourse, enrollUser } from "../../lib/courses/provisioning.ts";
import { createSubAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { sealSecret } from "../../lib/identity/sso/secret-box.ts";
import { cast, member, pairingCode, school, type Member, type School } from "./fixtures.ts";

export type Actor = {
  role: string;
  token: string | null;
  host: string;
  userId: number | null;
  schoolId: number;
};

/** Another school's objects an actor aims at. */
export type Targets = {
  school: School;
  student: Member;
  parent: Member;
  course: { id: number; name: string };
  /** A sub-account of the school that none of the actors administers. */
  subId: number;
  tokenId: number;
  codeId: number;
  importId: number;
  loginId: number;
  /** The student's enrollment in the course. */
  studentEnrollmentId: number;
  /** A course-level link: an observer enrollment in the course that observes the student. */
  courseObserverEnrollmentId: number;
  /** The course-level observer's open request to observe the student in `otherCourse` too. */
  requestId: number;
  otherCourse: { id: number; name: string };
  /** The school's sign-in provider (switched on). */
  ssoProviderId: number;
  /** The school's scheduled sync (issue 17 §7). */
  syncScheduleId: number;
};

async function victims(s: School): Promise<Targets> {
  const course = await createCourse({ accountId: s.root.id, name: `Victim course ${s.domain}` });
  const sub = await createSubAccount({ name: `Victim sub ${s.domain}`, parentId: s.root.id });
  const [student, parent, admin, courseObserver] = [
    await member(s, "VictimStudent"),
    await member(s, "VictimParent"),
    await member(s, "VictimAdmin"),
    await member(s, "VictimCourseObserver"),
  ];
  const studentEnrollment = await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
  const courseObserverEnrollment = await enrollUser({
    courseId: course.id,
    userId: courseObserver.id,
    type: "observer",
    associatedUserId: student.id,
  });
  await makeAccountAdmin({ accountId: s.root.id, userId: admin.id });
  const otherCourse = await createCourse({ accountId: s.root.id, name: `Victim other course ${s.domain}` });
  await enrollUser({ courseId: otherCourse.id, userId: student.id, type: "student" });
  const request = await db.observerRequest.create({
    data: { observerId: courseObserver.id, studentId: student.id, rootAccountId: s.root.id, note: "Art" },
  });
  await db.$transaction((tx) =>
    linkInAccountsTx(tx, {
      studentId: student.id,
      observerId: parent.id,
      actorId: admin.id,
      method: "admin",
      ip: null,
      rootAccountIds: [s.root.id],
    }),
  );
  await pairingCode(s, student);
  const code = await db.pairingCode.findFirstOrThrow({
    where: { studentId: student.id },
    select: { id: true },
  });
  const token = await db.accessToken.findFirstOrThrow({ where: { userId: parent.id }, select: { id: true } });
  const login = await db.login.findFirstOrThrow({ where: { userId: student.id }, select: { id: true } });
  const imp = await db.sisImport.create({
    data: {
      rootAccountId: s.root.id,
      createdById: admin.id,
      importType: "instructure_csv",
      dryRun: true,
      workflowState: "imported",
      endedAt: new Date(),
    },
  });
  const sso = await db.ssoProvider.create({
    data: {
      rootAccountId: s.root.id,
      name: `Victim provider ${s.domain}`,
      issuer: "https://idp.example.invalid",
      clientId: "victim-client",
      clientSecretEncrypted: sealSecret("victim-secret"),
      testedAt: new Date(),
    },
  });
  const sync = await db.syncSchedule.create({
    data: {
      rootAccountId: s.root.id,
      name: `Victim sync ${s.domain}`,
      url: "https://sis.example.invalid/families.csv",
      importType: "family_roster",
      timeOfDay: "02:00",
      timeZone: "UTC",
      dataSet: "victim",
      enabled: false,
    },
  });
  return {
    school: s,
    student,
    parent,
    course,
    subId: sub.id,
    tokenId: token.id,
    codeId: code.id,
    importId: imp.id,
    loginId: login.id,
    studentEnrollmentId: studentEnrollment.id,
    courseObserverEnrollmentId: courseObserverEnrollment.id,
    requestId: request.id,
    otherCourse,
    ssoProviderId: sso.id,
    syncScheduleId: sync.id,
  };
}

export async function authzWorld() {
  const [a, b] = [await school(), await school()];
  const people = await cast(a);
  const bAdmin = await member(b, "RootAdminB");
  await makeAccountAdmin({ accountId: b.root.id, userId: bAdmin.id });
  const [inA, inB] = [await victims(a), await victims(b)];
  const as = (role: string, m: Member | null, s: School, host = s.domain): Actor => ({
    role,
    token: m?.token ?? null,
    host,
    userId: m?.id ?? null,
    schoolId: s.root.id,
  });
  // Each actor with the foreign objects it aims at: A's people at A's victims and at school B;
  // B's root admin at A's victims (on B's host and on A's); anonymous at A's victims.
  const sweeps: { actor: Actor; targets: Targets[] }[] = [
    ...(["student", "parent", "teacher", "subAdmin"] as const).map((r) => ({
      actor: as(r, people[r], a),
      targets: [inA, inB],
    })),
    { actor: as("root admin of another school", bAdmin, b), targets: [inA] },
    { actor: as("root admin of another school, on A's host", bAdmin, b, a.domain), targets: [inA] },
    { actor: as("anonymous", null, a), targets: [inA] },
  ];
  return { a, b, people, bAdmin, inA, inB, sweeps };
}

/** What must not appear in an answer to someone aiming at `t`: its people's names and logins, its school. */
export function foreignStrings(t: Targets, actorSchoolId: number): string[] {
  const strings = [
    t.student.name,
    t.student.login,
    t.parent.name,
    t.parent.login,
    t.course.name,
    t.otherCourse.name,
  ];
  if (t.school.root.id !== actorSchoolId) strings.push(t.school.root.name, t.school.domain);
  return strings;
}

const TABLES = [
  "observation_links",
  "pairing_codes",
  "enrollments",
  "courses",
  "accounts",
  "account_admins",
  "users",
  "logins",
  "sis_imports",
  "password_setup_tokens",
  "observer_requests",
  "sso_providers",
  "sync_schedules",
];

/** A digest of every table an attacker might write (access tokens without their last use). */
export async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const [row] = await db.$queryRawUnsafe<{ d: string | null }[]>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM ${t} t`,
    );
    out[t] = row.d ?? "";
  }
  const [tokens] = await db.$queryRaw<{ d: string | null }[]>`
    SELECT md5(string_agg(concat_ws(',', id, user_id, digest, revoked_at, expires_at), '|' ORDER BY id)) AS d FROM access_tokens`;
  out.access_tokens = tokens.d ?? "";
  return out;
}
