import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  createPairingCode,
  listActivePairingCodes,
  revokePairingCode,
} from "../../lib/pairing-codes/index.ts";
import { linkObserveeByAdmin } from "../../lib/observer-links/index.ts";
import * as observee from "../../app/api/v1/users/[user_id]/observees/[observee_id]/route.ts";
import { actorFor, makeAdmin, makeRootAccount, makeStudent, makeUser } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { client, world } from "../helpers/api-world.ts";

describe("an admin and a student's codes", () => {
  it("the school's admin sees and revokes a student's active codes, audited as theirs; others may not", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id);
    const made = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
    const admin = actorFor(await makeAdmin(account.id), account.id);
    const listed = await listActivePairingCodes(admin, { studentId: student.id });
    expect(listed.map((c) => ({ id: c.id, hint: c.hint }))).toEqual([
      { id: made.id, hint: made.code.slice(-4) },
    ]);
    await revokePairingCode(admin, { studentId: student.id, codeId: made.id });
    expect(await listActivePairingCodes(admin, { studentId: student.id })).toEqual([]);
    expect(
      await db.auditEvent.findFirst({
        where: { action: "code.revoked", subjectId: student.id },
        select: { actorId: true, rootAccountId: true },
      }),
    ).toEqual({ actorId: admin.userId, rootAccountId: account.id });

    const again = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
    const otherSchool = await makeRootAccount();
    const outsiders = [
      actorFor(await makeAdmin(otherSchool.id), otherSchool.id),
      actorFor(await makeUser(account.id), account.id),
    ];
    for (const outsider of outsiders) {
      expect((await errorOf(listActivePairingCodes(outsider, { studentId: student.id }))).code).toBe(
        "unauthorized",
      );
      expect(
        (await errorOf(revokePairingCode(outsider, { studentId: student.id, codeId: again.id }))).code,
      ).toBe("unauthorized");
    }
    expect(await listActivePairingCodes(admin, { studentId: student.id })).toHaveLength(1);
  });
});

describe("making a student an observer", () => {
  it("is refused without the admin's explicit confirmation, and done with it", async () => {
    const account = await makeRootAccount();
    const [student, otherStudent] = [await makeStudent(account.id), await makeStudent(account.id)];
    const admin = actorFor(await makeAdmin(account.id), account.id);
    const err = await errorOf(
      linkObserveeByAdmin(admin, { observerId: otherStudent.id, studentId: student.id }),
    );
    expect(err.code).toBe("unprocessable");
    expect(err.message).toBe(
      `${otherStudent.name} is enrolled as a student. Making them an observer lets them see another student's courses: confirm that this is intended.`,
    );
    expect(err.fieldErrors?.confirm_student_observer).toBeDefined();
    expect(await db.observationLink.count({ where: { observerId: otherStudent.id } })).toBe(0);
    await linkObserveeByAdmin(admin, {
      observerId: otherStudent.id,
      studentId: student.id,
      confirmStudentObserver: true,
    });
    expect(
      await db.observationLink.count({ where: { observerId: otherStudent.id, workflowState: "active" } }),
    ).toBe(1);
    // A parent (no student enrollment) needs no confirmation.
    const parent = await makeUser(account.id);
    await expect(
      linkObserveeByAdmin(admin, { observerId: parent.id, studentId: student.id }),
    ).resolves.toMatchObject({
      id: student.id,
    });
  });

  it("PUT /users/:student/observees/:student answers 422 unless confirm_student_observer=true", async () => {
    const w = await world();
    const classmate = await makeStudent(w.root.id);
    const put = (query: string) =>
      client(w)(observee.PUT, {
        method: "PUT",
        url: `/${query}`,
        params: { user_id: String(classmate.id), observee_id: String(w.student.id) },
        token: w.admin.token,
      });
    const refused = await put("");
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.json)).toContain("is enrolled as a student");
    const done = await put("?confirm_student_observer=true");
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ id: w.student.id });
  });
});
