import "server-only";
// The demo data `npm start` loads into an empty database in embedded mode (or with DEMO_DATA=1:
// scripts/lib/demo-data.mjs). Every login's password is DEMO_PASSWORD, published in the README.
import { db } from "../platform/db.ts";
import { verifyPassword } from "../identity/passwords.ts";
import { createCourse, enrollUser } from "../courses/provisioning.ts";
import { createRootAccount, createSubAccount, makeAccountAdmin } from "../accounts/provisioning.ts";
import { createUserWithLogin } from "../identity/provisioning.ts";

export const DEMO_PASSWORD = "demo-pass-2026";

const DEMO_LOGINS = [
  "admin@demo.test",
  "teacher@demo.test",
  "student1@demo.test",
  "student2@demo.test",
  "student3@demo.test",
  "parent@demo.test",
  "student@riverside.test",
];

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await db.account.count()) === 0;
}

/** The demo logins that still take DEMO_PASSWORD (in a database that got the demo data once). */
export async function openDemoLogins(): Promise<string[]> {
  const logins = await db.login.findMany({
    where: { uniqueIdNormalized: { in: DEMO_LOGINS }, workflowState: "active", passwordHash: { not: null } },
    select: { uniqueId: true, passwordHash: true },
    orderBy: { id: "asc" },
  });
  const open: string[] = [];
  for (const l of logins) if (await verifyPassword(l.passwordHash, DEMO_PASSWORD)) open.push(l.uniqueId);
  return open;
}

export async function seedDemo(): Promise<void> {
  const district = await createRootAccount({
    name: "Demo District",
    isDefault: true,
    selfRegistration: "observers",
  });
  const school = await createSubAccount({ name: "Demo High School", parentId: district.id });
  const other = await createRootAccount({
    name: "Riverside Academy",
    domain: "riverside.localhost",
    selfRegistration: "none",
  });

  const user = (name: string, uniqueId: string, rootAccountId: number, sisUserId?: string) =>
    createUserWithLogin({ name, uniqueId, rootAccountId, password: DEMO_PASSWORD, sisUserId });

  const admin = await user("Avery Admin", "admin@demo.test", district.id, "A0001");
  await makeAccountAdmin({ accountId: district.id, userId: admin.id });
  const teacher = await user("Taylor Teacher", "teacher@demo.test", district.id, "T0001");
  const students = [
    await user("Sam Student", "student1@demo.test", district.id, "S1001"),
    await user("Riley Rivera", "student2@demo.test", district.id, "S1002"),
    await user("Jordan Lee", "student3@demo.test", district.id, "S1003"),
  ];
  await user("Pat Parent", "parent@demo.test", district.id);

  const algebra = await createCourse({
    accountId: school.id,
    name: "Algebra I",
    courseCode: "ALG-1",
    sisCourseId: "ALG1-2026",
  });
  const biology = await createCourse({
    accountId: school.id,
    name: "Biology",
    courseCode: "BIO-1",
    sisCourseId: "BIO1-2026",
  });
  for (const course of [algebra, biology]) {
    await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
    for (const s of students) await enrollUser({ courseId: course.id, userId: s.id, type: "student" });
  }

  const riverStudent = await user("Morgan River", "student@riverside.test", other.id, "R2001");
  const history = await createCourse({ accountId: other.id, name: "World History", courseCode: "HIST-1" });
  await enrollUser({ courseId: history.id, userId: riverStudent.id, type: "student" });
}
