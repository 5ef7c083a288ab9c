import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  getObservee,
  linkObserveeByAdmin,
  listObservers,
  removeObserver,
  unlinkObservee,
} from "../../lib/observer-links/index.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { actorFor, makeAdmin, makeRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { pairedFamily } from "../helpers/family.ts";
import { errorOf } from "../helpers/errors.ts";

const observerEnrollmentStates = (observerId: number) =>
  db.enrollment
    .findMany({ where: { userId: observerId, type: "observer" }, select: { workflowState: true } })
    .then((r) => r.map((e) => e.workflowState));

describe("managing observer links", () => {
  it("the observer unlinks: link and observer enrollments deleted; an admin re-link restores them", async () => {
    const { account, student, parent, parentActor } = await pairedFamily({ courses: 2 });
    await expect(
      unlinkObservee(parentActor, { observerId: parent.id, studentId: student.id }),
    ).resolves.toMatchObject({ id: student.id });
    expect(await observerEnrollmentStates(parent.id)).toEqual(["deleted", "deleted"]);
    await expect(
      getObservee(parentActor, { observerId: parent.id, studentId: student.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    // Unlinking again: nothing left to remove.
    expect(
      (await errorOf(unlinkObservee(parentActor, { observerId: parent.id, studentId: student.id }))).code,
    ).toBe("not_found");

    const admin = await makeAdmin(account.id);
    await linkObserveeByAdmin(actorFor(admin, account.id), { observerId: parent.id, studentId: student.id });
    expect(await observerEnrollmentStates(parent.id)).toEqual(["active", "active"]);
    // Idempotent.
    await linkObserveeByAdmin(actorFor(admin, account.id), { observerId: parent.id, studentId: student.id });
    expect(await db.observationLink.count({ where: { observerId: parent.id } })).toBe(1);
    const methods = await db.auditEvent.findMany({
      where: { targetId: parent.id, action: { startsWith: "link." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(methods.map((m) => m.action)).toEqual(["link.created", "link.removed", "link.restored"]);
  });

  it("an observer cannot link themself by id (401); an admin of another school cannot either", async () => {
    const { account, student, parent, parentActor } = await pairedFamily({ courses: 2 });
    const other = await makeUser(account.id);
    expect(
      (
        await errorOf(
          linkObserveeByAdmin(actorFor(other, account.id), { observerId: other.id, studentId: student.id }),
        )
      ).code,
    ).toBe("unauthorized");
    const elsewhere = await makeRootAccount();
    const foreignAdmin = await makeAdmin(elsewhere.id);
    expect(
      (
        await errorOf(
          linkObserveeByAdmin(actorFor(foreignAdmin, elsewhere.id), {
            observerId: parent.id,
            studentId: student.id,
            rootAccountId: "all",
          }),
        )
      ).code,
    ).toBe("unauthorized");
    expect(
      (
        await errorOf(
          unlinkObservee(actorFor(foreignAdmin, elsewhere.id), {
            observerId: parent.id,
            studentId: student.id,
          }),
        )
      ).code,
    ).toBe("unauthorized");
    await expect(
      getObservee(parentActor, { observerId: parent.id, studentId: student.id }),
    ).resolves.toMatchObject({ id: student.id });
  });

  it("DELETE honours root_account_id (Canvas ignores it)", async () => {
    const a = await makeRootAccount();
    const b = await createRootAccount({ name: `Second ${uid()}`, selfRegistration: "observers" });
    const student = await makeStudent(a.id);
    const parent = await makeUser(a.id);
    // Both users also hold logins in the second school.
    for (const u of [student, parent])
      await db.login.create({
        data: {
          userId: u.id,
          rootAccountId: b.id,
          uniqueId: `${u.login}-b`,
          uniqueIdNormalized: `${u.login}-b`,
        },
      });
    const admin = await makeAdmin(a.id);
    await db.accountAdmin.create({ data: { accountId: b.id, userId: admin.id } });
    await linkObserveeByAdmin(actorFor(admin, a.id), {
      observerId: parent.id,
      studentId: student.id,
      rootAccountId: "all",
    });
    expect(
      (await getObservee(actorFor(parent, a.id), { observerId: parent.id, studentId: student.id }))
        .observation_link_root_account_ids,
    ).toEqual([a.id, b.id]);
    await unlinkObservee(actorFor(parent, a.id), {
      observerId: parent.id,
      studentId: student.id,
      rootAccountId: b.id,
    });
    expect(
      (await getObservee(actorFor(parent, a.id), { observerId: parent.id, studentId: student.id }))
        .observation_link_root_account_ids,
    ).toEqual([a.id]);
  });

  it("a student may remove an observer only where the school allows it", async () => {
    const { account, student, parent, studentActor } = await pairedFamily({ courses: 2 });
    const err = await errorOf(removeObserver(studentActor, { studentId: student.id, observerId: parent.id }));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toContain("does not let students remove observers");
    await db.account.update({ where: { id: account.id }, data: { studentsMayRemoveObservers: true } });
    await expect(
      removeObserver(studentActor, { studentId: student.id, observerId: parent.id }),
    ).resolves.toMatchObject({ id: parent.id });
    expect((await listObservers(studentActor, { studentId: student.id, page: pageRequest({}) })).total).toBe(
      0,
    );
  });
});
