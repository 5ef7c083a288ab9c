import "server-only";
// Creation of accounts, users, logins, courses and enrollments with no authorization of its own:
// the seed, tests and the authorized domain functions (admin API, self-registration) call these.
import { db, type Tx } from "./db.ts";
import { hashPassword } from "./passwords.ts";
import type { EnrollmentState, EnrollmentType, SelfRegistration } from "./generated/prisma/client.ts";
import { mirrorNewStudentEnrollment } from "./observer-links.ts";
import { cleanName } from "./users/name.ts";

export function sortableNameOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return name.trim();
  const last = parts.pop()!;
  return `${last}, ${parts.join(" ")}`;
}

export function shortNameOf(name: string): string {
  return name.trim();
}

export async function createRootAccount(
  input: {
    name: string;
    domain?: string | null;
    isDefault?: boolean;
    selfRegistration?: SelfRegistration;
    pairingCodeLifetimeMinutes?: number;
    teachersMayGenerateCodes?: boolean;
    studentsMayRemoveObservers?: boolean;
  },
  tx: Tx = db,
) {
  return tx.account.create({ data: { ...input }, select: { id: true, name: true } });
}

export async function createSubAccount(input: { name: string; parentId: number }, tx: Tx = db) {
  const parent = await tx.account.findUniqueOrThrow({
    where: { id: input.parentId },
    select: { id: true, rootAccountId: true },
  });
  return tx.account.create({
    data: { name: input.name, parentId: parent.id, rootAccountId: parent.rootAccountId ?? parent.id },
    select: { id: true, name: true, rootAccountId: true },
  });
}

export type NewUser = {
  name: string;
  rootAccountId: number;
  uniqueId: string;
  password?: string | null;
  sisUserId?: string | null;
  email?: string | null;
};

/** A user's email: the one given, else the login when it is an email address. */
export function emailOf(input: { email?: string | null; uniqueId: string }): string | null {
  return input.email ?? (input.uniqueId.includes("@") ? input.uniqueId : null);
}

export async function createUserWithLogin(input: NewUser, tx: Tx = db) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const name = cleanName(input.name);
  return tx.user.create({
    data: {
      name,
      sortableName: sortableNameOf(name),
      shortName: shortNameOf(name),
      email: emailOf(input),
      logins: {
        create: {
          rootAccountId: input.rootAccountId,
          uniqueId: input.uniqueId,
          uniqueIdNormalized: input.uniqueId.toLowerCase(),
          passwordHash,
          sisUserId: input.sisUserId ?? null,
        },
      },
    },
    select: { id: true, name: true },
  });
}

export async function makeAccountAdmin(input: { accountId: number; userId: number }, tx: Tx = db) {
  return tx.accountAdmin.upsert({
    where: {
      accountId_userId_role: { accountId: input.accountId, userId: input.userId, role: "AccountAdmin" },
    },
    create: { accountId: input.accountId, userId: input.userId },
    update: { workflowState: "active" },
    select: { id: true },
  });
}

export async function createCourse(
  input: { accountId: number; name: string; courseCode?: string; sisCourseId?: string | null },
  tx: Tx = db,
) {
  const account = await tx.account.findUniqueOrThrow({
    where: { id: input.accountId },
    select: { id: true, rootAccountId: true },
  });
  return tx.course.create({
    data: {
      accountId: account.id,
      rootAccountId: account.rootAccountId ?? account.id,
      name: input.name,
      courseCode: input.courseCode ?? input.name,
      sisCourseId: input.sisCourseId ?? null,
    },
    select: { id: true, name: true, rootAccountId: true },
  });
}

export type NewEnrollment = {
  courseId: number;
  userId: number;
  type: EnrollmentType;
  state?: EnrollmentState;
  associatedUserId?: number | null;
};

/** Enrolls a user; a student enrollment also gives that student's linked observers theirs. */
export async function enrollUser(input: NewEnrollment, tx?: Tx) {
  const run = async (t: Tx) => {
    const course = await t.course.findUniqueOrThrow({
      where: { id: input.courseId },
      select: { id: true, rootAccountId: true },
    });
    const enrollment = await t.enrollment.create({
      data: {
        courseId: course.id,
        userId: input.userId,
        rootAccountId: course.rootAccountId,
        type: input.type,
        workflowState: input.state ?? "active",
        associatedUserId: input.type === "observer" ? (input.associatedUserId ?? null) : null,
      },
      select: { id: true, courseId: true, userId: true, type: true, workflowState: true },
    });
    if (input.type === "student")
      await mirrorNewStudentEnrollment(t, {
        studentId: input.userId,
        courseId: course.id,
        rootAccountId: course.rootAccountId,
      });
    return enrollment;
  };
  return tx ? run(tx) : db.$transaction(run);
}
