// Staff cannot turn their reach over a course into observing a user district-wide: codes link only
// in their own school, their creator and the student's staff cannot redeem them, and a code for a
// user the actor has just enrolled needs a root admin.
import { describe, expect, it } from "vitest";
import * as courseEnrollments from "../../app/api/v1/courses/[course_id]/enrollments/route.ts";
import * as codes from "../../app/api/v1/users/[user_id]/observer_pairing_codes/route.ts";
import { db } from "../../lib/platform/db.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import { redeemCodeWithPassword, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { activeLinks, newCode, redeem } from "../helpers/api-links.ts";
import { client, world, type World } from "../helpers/api-world.ts";
import { errorOf } from "../helpers/errors.ts";
import { makeStudent, makeUser, TEST_PASSWORD, uid } from "../helpers/factory.ts";
import { tokenFor } from "../helpers/api.ts";
import { makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";

const INVALID = { errors: [{ message: "Invalid pairing code." }] };

async function addLogin(userId: number, rootAccountId: number) {
  const uniqueId = `second-${uid()}@test.example`;
  await db.login.create({ data: { userId, rootAccountId, uniqueId, uniqueIdNormalized: uniqueId } });
}

const enroll = (w: World, userId: number, token: string) =>
  client(w)(courseEnrollments.POST, {
    method: "POST",
    url: "/",
    params: { course_id: String(w.course.id) },
    token,
    json: { enrollment: { user_id: String(userId), type: "StudentEnrollment", enrollment_state: "active" } },
  });

const generate = (w: World, studentId: number, token: string) =>
  client(w)(codes.POST, { method: "POST", url: "/", params: { user_id: String(studentId) }, token });

/** A code for the world's student, made by `token`'s user. */
async function codeBy(w: World, token: string): Promise<string> {
  const res = await generate(w, w.student.id, token);
  expect(res.status).toBe(200);
  return res.json.code;
}

describe("pairing codes cannot carry staff out of their scope", () => {
  it("a sub-account admin cannot make a code for a district user they or a peer enrolled, however long ago; a root admin's enrollment counts", async () => {
    const w = await world();
    const kid = await makeStudent(w.root.id);
    expect((await generate(w, kid.id, w.subAdmin.token)).status).toBe(401);
    expect((await enroll(w, kid.id, w.subAdmin.token)).status).toBe(200);
    expect((await generate(w, kid.id, w.subAdmin.token)).status).toBe(401);
    // Their long-standing students are unaffected.
    expect((await generate(w, w.student.id, w.subAdmin.token)).status).toBe(200);
    // A day later (the audit log aged, as the old check read it) the enrollment is still theirs.
    await db.auditEvent.updateMany({
      where: { actorId: w.subAdmin.id, subjectId: kid.id },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
    });
    await db.enrollment.updateMany({
      where: { userId: kid.id },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
    });
    expect((await generate(w, kid.id, w.subAdmin.token)).status).toBe(401);
    expect(
      await db.enrollment.findFirst({
        where: { userId: kid.id, courseId: w.course.id },
        select: { source: true, createdById: true },
      }),
    ).toEqual({ source: "sub_account_admin", createdById: w.subAdmin.id });

    // A peer: another admin of the same sub-account enrolls; the first one still cannot.
    const peer = await makeUser(w.root.id);
    await makeAccountAdmin({ accountId: w.sub.id, userId: peer.id });
    const kid3 = await makeStudent(w.root.id);
    expect((await enroll(w, kid3.id, await tokenFor(peer.id))).status).toBe(200);
    expect((await generate(w, kid3.id, w.subAdmin.token)).status).toBe(401);
    // A root admin's enrollment of that student in the sub-account's course: the course is theirs now.
    await db.enrollment.updateMany({
      where: { userId: kid3.id, courseId: w.course.id },
      data: { workflowState: "deleted" },
    });
    expect((await enroll(w, kid3.id, w.admin.token)).status).toBe(200);
    expect((await generate(w, kid3.id, w.subAdmin.token)).status).toBe(200);

    const kid2 = await makeStudent(w.root.id);
    expect((await enroll(w, kid2.id, w.admin.token)).status).toBe(200);
    expect((await generate(w, kid2.id, w.admin.token)).status).toBe(200);
  });

  it("a teacher who is no admin may make codes through a sub-account admin's enrollment, not a sub-account admin who teaches", async () => {
    const w = await world({ teachersMayGenerateCodes: true });
    const kid = await makeStudent(w.root.id);
    expect((await enroll(w, kid.id, w.subAdmin.token)).status).toBe(200);
    expect((await generate(w, kid.id, w.teacher.token)).status).toBe(200);
    await enrollUser({ courseId: w.course.id, userId: w.subAdmin.id, type: "teacher" });
    const kid2 = await makeStudent(w.root.id);
    expect((await enroll(w, kid2.id, w.subAdmin.token)).status).toBe(200);
    // As the course's teacher too, their own enrollment gives them nothing.
    expect((await generate(w, kid2.id, w.subAdmin.token)).status).toBe(401);
  });

  it("neither the code's creator nor the student's staff can redeem it; the parent still can", async () => {
    const w = await world({ teachersMayGenerateCodes: true });
    const byTeacher = await codeBy(w, w.teacher.token);
    const teacherTry = await redeem(w, { json: { pairing_code: byTeacher }, token: w.teacher.token });
    expect({ status: teacherTry.status, json: teacherTry.json }).toEqual({ status: 422, json: INVALID });
    const byStudent = await newCode(w);
    for (const token of [w.teacher.token, w.subAdmin.token, w.admin.token]) {
      const res = await redeem(w, { json: { pairing_code: byStudent }, token });
      expect({ status: res.status, json: res.json }).toEqual({ status: 422, json: INVALID });
    }
    const bySubAdmin = await codeBy(w, w.subAdmin.token);
    expect((await redeem(w, { json: { pairing_code: bySubAdmin }, token: w.subAdmin.token })).status).toBe(
      422,
    );
    for (const id of [w.teacher.id, w.subAdmin.id, w.admin.id]) expect(await activeLinks(id)).toBe(0);
    // Both codes are intact: the parent redeems them.
    expect((await redeem(w, { json: { pairing_code: byTeacher } })).status).toBe(200);
    expect((await redeem(w, { json: { pairing_code: byStudent } })).status).toBe(200);
  });

  it("a code links only in the school it was made for", async () => {
    const w = await world();
    await addLogin(w.student.id, w.other.id);
    await addLogin(w.parent.id, w.other.id);
    const linkedIn = async () =>
      (
        await db.observationLink.findMany({
          where: { observerId: w.parent.id, workflowState: "active" },
          select: { rootAccountId: true },
        })
      ).map((l) => l.rootAccountId);

    const all = await redeem(w, {
      url: "/users/self/observees?root_account_id=all",
      json: { pairing_code: await newCode(w) },
    });
    expect(all.status).toBe(200);
    expect(await linkedIn()).toEqual([w.root.id]);

    // Asked to link in the other school (where both also belong), it links nowhere.
    await db.observationLink.updateMany({
      where: { observerId: w.parent.id },
      data: { workflowState: "deleted" },
    });
    const code = await newCode(w);
    const elsewhere = await redeem(w, { json: { pairing_code: code, root_account_id: w.other.id } });
    expect({ status: elsewhere.status, json: elsewhere.json }).toEqual({ status: 422, json: INVALID });
    expect(await linkedIn()).toEqual([]);

    // Self-registration on the other school's host cannot use it either.
    const reg = await errorOf(
      registerObserver({
        name: "Pat Parent",
        unique_id: `pat-${uid()}@home.test`,
        password: "a-long-passphrase-9",
        pairing_code: code,
        host: w.otherDomain,
        ip: null,
      }),
    );
    expect(reg.code).toBe("bad_request");
    expect(await db.pairingCode.count({ where: { studentId: w.student.id, workflowState: "active" } })).toBe(
      1,
    );
  });

  it("a teacher cannot redeem their student's code on any path, even where teachers may not make codes", async () => {
    const w = await world({ teachersMayGenerateCodes: false });
    const code = await newCode(w);
    // The Observing page's form and the one-step "Add this student?" page call redeemPairingCode
    // with the session's actor, as the API does.
    const api = await redeem(w, { json: { pairing_code: code }, token: w.teacher.token });
    expect({ status: api.status, json: api.json }).toEqual({ status: 422, json: INVALID });
    const teacherActor = {
      userId: w.teacher.id,
      name: w.teacher.name,
      domainRootAccountId: w.root.id,
      ip: null,
      via: "session" as const,
    };
    const page = await errorOf(
      redeemPairingCode(teacherActor, { observerId: w.teacher.id, code, method: "qr" }),
    );
    expect(page.message).toBe("Invalid pairing code.");
    // Signing in from the registration page with the code.
    const signIn = await errorOf(
      redeemCodeWithPassword({
        login: w.teacher.login,
        password: TEST_PASSWORD,
        code,
        host: w.domain,
        ip: null,
      }),
    );
    expect(signIn.message).toBe("Invalid pairing code.");
    // Registering with their own email answers as a wrong code.
    const reg = await errorOf(
      registerObserver({
        name: "T",
        unique_id: w.teacher.login,
        password: "a-long-passphrase-9",
        pairing_code: code,
        host: w.domain,
        ip: null,
      }),
    );
    expect(reg.fieldErrors).toEqual({ pairing_code: ["Invalid pairing code."] });
    expect(await activeLinks(w.teacher.id)).toBe(0);
    expect((await redeem(w, { json: { pairing_code: code } })).status).toBe(200);
  });
});
