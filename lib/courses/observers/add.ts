import "server-only";
// The People page's "Add an observer": by email, an account the school already has, or a new
// observer account without a password whose setup email goes out with it (as the roster import
// makes parents' accounts), then a course-level link to each chosen student.
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { fieldError } from "../../platform/errors.ts";
import { deliverSoon } from "../../mail/outbox.ts";
import { createUserWithLogin, sendPasswordSetupInTx } from "../../identity/index.ts";
import { requireMayLink } from "./access.ts";
import { areStudentsOf, linkObserverInCourse, type LinkFields } from "./link.ts";

export const ADD_FIELDS: LinkFields = { observer: "email", students: "student_ids" };

export type AddObserverInput = {
  courseId: number;
  email: string;
  /** Only for someone the school has no account for: the new account's name. */
  name?: string;
  studentIds: number[];
  confirmStudentObserver?: boolean;
};

/** The user whose login (or, failing that, email) is `email` in the school. */
async function findByEmail(rootAccountId: number, email: string) {
  const lower = email.toLowerCase();
  const login = await db.login.findFirst({
    where: {
      rootAccountId,
      uniqueIdNormalized: lower,
      workflowState: "active",
      user: { workflowState: "active" },
    },
    select: { userId: true },
  });
  if (login) return login.userId;
  const user = await db.user.findFirst({
    where: {
      email: { equals: email, mode: "insensitive" },
      workflowState: "active",
      logins: { some: { rootAccountId, workflowState: "active" } },
    },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return user?.id ?? null;
}

export async function addCourseObserver(actor: Actor, input: AddObserverInput) {
  const { course } = await requireMayLink(actor, input.courseId);
  if (input.studentIds.length === 0) throw fieldError(ADD_FIELDS.students, "Choose at least one student.");
  if (!(await areStudentsOf(course.id, input.studentIds)))
    throw fieldError(ADD_FIELDS.students, "Each chosen student must be a student in this course.");
  let observerId = await findByEmail(course.rootAccountId, input.email);
  const invited = observerId === null;
  if (observerId === null) {
    const name = input.name?.trim();
    if (!name)
      throw fieldError("name", "Nobody at this school uses this email yet: enter their name to invite them.");
    observerId = await db.$transaction(async (tx) => {
      const user = await createUserWithLogin(
        { name, rootAccountId: course.rootAccountId, uniqueId: input.email },
        tx,
      );
      const [login, school] = await Promise.all([
        tx.login.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } }),
        tx.account.findUniqueOrThrow({ where: { id: course.rootAccountId }, select: { name: true } }),
      ]);
      await sendPasswordSetupInTx(tx, {
        loginId: login.id,
        email: input.email,
        name,
        schoolName: school.name,
        rootAccountId: course.rootAccountId,
      });
      return user.id;
    });
    deliverSoon();
  }
  await linkObserverInCourse(actor, {
    courseId: course.id,
    observerId,
    studentIds: input.studentIds,
    confirmStudentObserver: input.confirmStudentObserver,
    fields: ADD_FIELDS,
  });
  const observer = await db.user.findUniqueOrThrow({ where: { id: observerId }, select: { name: true } });
  return { observerName: observer.name, invited };
}
