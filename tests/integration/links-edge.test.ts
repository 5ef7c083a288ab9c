import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { linkObserveeByAdmin, unlinkObservee } from "../../lib/observer-links/index.ts";
import { createPairingCode } from "../../lib/pairing-codes/index.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import {
  actorFor,
  makeAdmin,
  makeCourse,
  makeRootAccount,
  makeStudent,
  makeUser,
  uid,
} from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { pairedFamily } from "../helpers/family.ts";

describe("observer enrollments follow the student", () => {
  it("a new student enrollment gives linked observers theirs; a deleted course is skipped", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id, { courses: 1 });
    const parent = await makeUser(account.id);
    const admin = await makeAdmin(account.id);
    await linkObserveeByAdmin(actorFor(admin, account.id), { observerId: parent.id, studentId: student.id });

    const later = await makeCourse(account.id);
    await enrollUser({ courseId: later.id, userId: student.id, type: "student" });
    const dead = await makeCourse(account.id);
    await db.course.update({ where: { id: dead.id }, data: { workflowState: "deleted" } });

    const rows = await db.enrollment.findMany({
      where: { userId: parent.id, type: "observer" },
      select: { courseId: true, associatedUserId: true },
    });
    expect(rows.map((r) => r.courseId).sort()).toEqual([student.courses[0].id, later.id].sort());
    expect(rows.every((r) => r.associatedUserId === student.id)).toBe(true);
  });

  it("teacher enrollments are not mirrored, and an unlinked observer gets none for new courses", async () => {
    const { account, student, parent, parentActor } = await pairedFamily({ courses: 1 });
    await unlinkObservee(parentActor, { observerId: parent.id, studentId: student.id });
    const course = await makeCourse(account.id);
    await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
    expect(await db.enrollment.count({ where: { userId: parent.id, courseId: course.id } })).toBe(0);
  });
});

describe("races and tenants", () => {
  it("two families self-registering with one code at once: one account is made, the other nothing", async () => {
    const domain = `race-${uid()}.test`;
    const account = await createRootAccount({ name: "Race", domain, selfRegistration: "observers" });
    const student = await makeStudent(account.id);
    const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
    const emails = Array.from({ length: 5 }, () => `p-${uid()}@test.example`);
    const results = await Promise.allSettled(
      emails.map((e) =>
        registerObserver({
          name: "Racer",
          unique_id: e,
          password: "a-good-passphrase",
          pairing_code: code,
          host: domain,
          ip: null,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.login.count({ where: { uniqueIdNormalized: { in: emails } } })).toBe(1);
  });

  it("an admin of one school cannot unlink links in another; they only see their own", async () => {
    const { student, parent } = await pairedFamily();
    const b = await makeRootAccount();
    const adminB = await makeAdmin(b.id);
    expect(
      (
        await errorOf(
          unlinkObservee(actorFor(adminB, b.id), { observerId: parent.id, studentId: student.id }),
        )
      ).code,
    ).toBe("unauthorized");
    expect(
      await db.observationLink.count({ where: { observerId: parent.id, workflowState: "active" } }),
    ).toBe(1);
  });
});
