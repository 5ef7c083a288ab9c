import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { AppError } from "../../lib/platform/errors.ts";
import { listObservees } from "../../lib/observer-links/index.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { actorFor, makeRootAccount, makeUser } from "../helpers/factory.ts";
import { family } from "../helpers/family.ts";
import { errorOf } from "../helpers/errors.ts";

describe("pairing codes end to end through lib/", () => {
  it("generate → redeem → the student is listed, with observer enrollments in each course", async () => {
    const { account, student, parent, studentActor, parentActor } = await family({ courses: 2 });
    const code = await createPairingCode(studentActor, { studentId: student.id });
    expect(code.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(code.workflow_state).toBe("active");
    const days = (new Date(code.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const linked = await redeemPairingCode(parentActor, {
      observerId: parent.id,
      code: code.code.toLowerCase().replace("-", " "),
    });
    expect(linked).toMatchObject({ id: student.id, name: student.name });

    const { items, total } = await listObservees(parentActor, {
      observerId: parent.id,
      page: pageRequest({}),
    });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ id: student.id, observation_link_root_account_ids: [account.id] });

    const enrollments = await db.enrollment.findMany({
      where: { userId: parent.id },
      select: { courseId: true, type: true, associatedUserId: true, workflowState: true },
    });
    expect(enrollments.map((e) => e.courseId).sort()).toEqual(student.courses.map((c) => c.id).sort());
    for (const e of enrollments)
      expect(e).toMatchObject({ type: "observer", associatedUserId: student.id, workflowState: "active" });

    const audit = await db.auditEvent.findMany({
      where: { subjectId: student.id },
      select: { action: true, method: true },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["code.generated", "code.redeemed", "link.created"]);
  });

  it("30 parallel redemptions of one code: exactly one link, 29 identical errors", async () => {
    const { account, student, studentActor } = await family({ courses: 2 });
    const parents = await Promise.all(Array.from({ length: 30 }, () => makeUser(account.id)));
    const { code } = await createPairingCode(studentActor, { studentId: student.id });
    const results = await Promise.allSettled(
      parents.map((p) => redeemPairingCode(actorFor(p, account.id), { observerId: p.id, code })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(29);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect({ code: r.reason.code, message: r.reason.message }).toEqual({
        code: "unprocessable",
        message: "Invalid pairing code.",
      });
    }
    expect(
      await db.observationLink.count({ where: { studentId: student.id, workflowState: "active" } }),
    ).toBe(1);
  });

  it("expired, used, revoked, own and malformed codes all give the same 422", async () => {
    const { account, student, parent, studentActor, parentActor } = await family({ courses: 2 });
    const other = await makeUser(account.id);
    const redeem = (code: string, actor = parentActor, observerId = parent.id) =>
      errorOf(redeemPairingCode(actor, { observerId, code }));

    const expired = await createPairingCode(studentActor, { studentId: student.id });
    await db.pairingCode.updateMany({
      where: { studentId: student.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });

    const used = await createPairingCode(studentActor, { studentId: student.id });
    await redeemPairingCode(actorFor(other, account.id), { observerId: other.id, code: used.code });

    const revoked = await createPairingCode(studentActor, { studentId: student.id });
    await db.pairingCode.updateMany({
      where: { studentId: student.id, workflowState: "active" },
      data: { workflowState: "revoked" },
    });

    const own = await createPairingCode(studentActor, { studentId: student.id });

    const errors = [
      await redeem(expired.code),
      await redeem(used.code),
      await redeem(revoked.code),
      await redeem(own.code, studentActor, student.id),
      await redeem("not-a-code"),
      await redeem("ZZZZ-ZZZZ"),
    ];
    for (const e of errors)
      expect({ code: e.code, message: e.message }).toEqual({
        code: "unprocessable",
        message: "Invalid pairing code.",
      });
    // The student's own attempt did not burn the code: the parent can still use it.
    await expect(
      redeemPairingCode(parentActor, { observerId: parent.id, code: own.code }),
    ).resolves.toMatchObject({ id: student.id });
  });

  it("a code whose student shares no root account with the observer is refused and survives", async () => {
    const { student, studentActor } = await family({ courses: 2 });
    const elsewhere = await makeRootAccount();
    const stranger = await makeUser(elsewhere.id);
    const { code } = await createPairingCode(studentActor, { studentId: student.id });
    const err = await errorOf(
      redeemPairingCode(actorFor(stranger, elsewhere.id), {
        observerId: stranger.id,
        code,
        rootAccountId: "all",
      }),
    );
    expect(err.message).toBe("Invalid pairing code.");
    expect(await db.pairingCode.count({ where: { studentId: student.id, workflowState: "active" } })).toBe(1);
  });

  it("observer B listing observer A's observees is refused (401)", async () => {
    const { account, student, parent, studentActor, parentActor } = await family({ courses: 2 });
    await redeemPairingCode(parentActor, {
      observerId: parent.id,
      code: (await createPairingCode(studentActor, { studentId: student.id })).code,
    });
    const b = await makeUser(account.id);
    const err = await errorOf(
      listObservees(actorFor(b, account.id), { observerId: parent.id, page: pageRequest({}) }),
    );
    expect(err.code).toBe("unauthorized");
  });

  it("asked to, the sixth code revokes the first (the API's rule at the cap)", async () => {
    const { student, studentActor } = await family({ courses: 2 });
    const codes = [];
    for (let i = 0; i < 6; i++)
      codes.push(await createPairingCode(studentActor, { studentId: student.id, whenFull: "revoke-oldest" }));
    const rows = await db.pairingCode.findMany({
      where: { studentId: student.id },
      orderBy: { id: "asc" },
      select: { workflowState: true },
    });
    expect(rows.map((r) => r.workflowState)).toEqual([
      "revoked",
      "active",
      "active",
      "active",
      "active",
      "active",
    ]);
    const parent = await makeUser(
      (await db.login.findFirstOrThrow({ where: { userId: student.id } })).rootAccountId,
    );
    const err = await errorOf(
      redeemPairingCode(actorFor(parent, studentActor.domainRootAccountId), {
        observerId: parent.id,
        code: codes[0].code,
      }),
    );
    expect(err.message).toBe("Invalid pairing code.");
  });

  it("a user without an active student enrollment cannot have a code (401)", async () => {
    const account = await makeRootAccount();
    const adult = await makeUser(account.id);
    const err = await errorOf(createPairingCode(actorFor(adult, account.id), { studentId: adult.id }));
    expect(err.code).toBe("unauthorized");
  });

  it("another user may not generate a student's code unless an admin of the account", async () => {
    const { account, student, parent } = await family({ courses: 2 });
    const err = await errorOf(createPairingCode(actorFor(parent, account.id), { studentId: student.id }));
    expect(err.code).toBe("unauthorized");
  });
});
