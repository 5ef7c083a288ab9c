// Issue 10, item 9's smaller holes: names that reorder text, admins' weak passwords, and observer
// enrollments outliving the student's.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { createAccountUser } from "../../lib/identity/account-users.ts";
import { createEnrollment } from "../../lib/courses/enrollments/create.ts";
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { cleanName } from "../../lib/users/name.ts";
import { actorFor, makeAdmin, makeRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";

const RLO = "\u202E";
const LRI = "\u2066";
const PDI = "\u2069";

describe("names", () => {
  it("bidirectional override and isolate characters are removed wherever a name is stored", async () => {
    expect(cleanName(`Sam${RLO}tnedutS  ${LRI}x${PDI} `)).toBe("SamtnedutS x");
    const domain = `bidi-${uid()}.test`;
    const account = await createRootAccount({ name: "Bidi", domain, selfRegistration: "observers" });
    const student = await makeStudent(account.id);
    const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
    const { userId } = await registerObserver({
      name: `Pat${RLO} Parent`,
      unique_id: `bidi-${uid()}@test.example`,
      password: "a-good-passphrase",
      pairing_code: code,
      host: domain,
      ip: null,
    });
    const stored = await db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { name: true, sortableName: true },
    });
    expect(stored).toEqual({ name: "Pat Parent", sortableName: "Parent, Pat" });
    // A name of nothing but controls is no name.
    const empty = await errorOf(
      registerObserver({
        name: `${RLO}${LRI}`,
        unique_id: `bidi-${uid()}@test.example`,
        password: "a-good-passphrase",
        pairing_code: code,
        host: domain,
        ip: null,
      }),
    );
    expect(empty.fieldErrors?.name).toEqual(["Enter your full name."]);

    const admin = await makeAdmin(account.id);
    const made = await createAccountUser(actorFor(admin, account.id), {
      accountId: account.id,
      name: `Kim${RLO} Admin-Made`,
      shortName: `K${LRI}im`,
      uniqueId: `made-${uid()}@test.example`,
      password: "another-good-passphrase",
    });
    expect(
      await db.user.findUniqueOrThrow({ where: { id: made.id }, select: { name: true, shortName: true } }),
    ).toEqual({
      name: "Kim Admin-Made",
      shortName: "Kim",
    });
  });
});

describe("admin-set passwords", () => {
  it("follow the same rule as everyone's", async () => {
    const account = await makeRootAccount();
    const admin = await makeAdmin(account.id);
    const login = `weak-${uid()}@test.example`;
    const make = (password: string) =>
      createAccountUser(actorFor(admin, account.id), {
        accountId: account.id,
        name: "Weak One",
        uniqueId: login,
        password,
      });
    expect((await errorOf(make("short1"))).fieldErrors).toEqual({
      "pseudonym[password]": ["Use at least 10 characters."],
    });
    expect((await errorOf(make("aaaaaaaaaaaa"))).fieldErrors).toEqual({
      "pseudonym[password]": ["Do not repeat one character."],
    });
    expect((await errorOf(make(login))).fieldErrors).toEqual({
      "pseudonym[password]": ["Do not use your email as the password."],
    });
    expect(await db.login.count({ where: { uniqueIdNormalized: login } })).toBe(0);
    await expect(make("a-fine-passphrase")).resolves.toMatchObject({ name: "Weak One" });
  });
});

describe("observer enrollments follow the student's", () => {
  it("end when the student's enrollment is concluded or deleted, and come back when it is live again", async () => {
    const account = await makeRootAccount();
    const admin = await makeAdmin(account.id);
    const adminActor = actorFor(admin, account.id);
    const student = await makeStudent(account.id, { courses: 2 });
    const parent = await makeUser(account.id);
    const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
    await redeemPairingCode(actorFor(parent, account.id), { observerId: parent.id, code });
    const stateIn = async (courseId: number) =>
      (
        await db.enrollment.findFirstOrThrow({
          where: { courseId, userId: parent.id, type: "observer" },
          select: { workflowState: true },
        })
      ).workflowState;
    const [c1, c2] = student.courses;
    expect([await stateIn(c1.id), await stateIn(c2.id)]).toEqual(["active", "active"]);

    const setStudent = (courseId: number, state: "completed" | "deleted" | "active") =>
      createEnrollment(adminActor, { courseId, userId: student.id, type: "student", state });
    await setStudent(c1.id, "completed");
    await setStudent(c2.id, "deleted");
    expect([await stateIn(c1.id), await stateIn(c2.id)]).toEqual(["completed", "deleted"]);
    await setStudent(c1.id, "active");
    expect(await stateIn(c1.id)).toBe("active");
  });
});
