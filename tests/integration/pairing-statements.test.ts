// The SQL a redemption sends, counted at the driver (tests/helpers/sql-statements.ts), so that
// reading a fact twice, or a transaction of many small writes, cannot creep back into the hot path.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { actorFor, makeAdmin, uid } from "../helpers/factory.ts";
import { family } from "../helpers/family.ts";
import { errorOf } from "../helpers/errors.ts";
import { statementsOf } from "../helpers/sql-statements.ts";

// One attempt in a hundred also prunes old throttle counters (lib/identity/throttle/counters.ts).
const noPruning = () => vi.spyOn(Math, "random").mockReturnValue(0.5);
afterEach(() => vi.restoreAllMocks());

const observerCount = async (observerId: number) =>
  (
    await db.rateLimitCounter.findMany({
      where: { key: `guess:observer:${observerId}` },
      select: { count: true },
    })
  ).reduce((n, c) => n + c.count, 0);

describe("the statements of a redemption", () => {
  it("a parent redeeming a code: six statements, the write one of them, and all of it written", async () => {
    const { account, student, parent, studentActor, parentActor } = await family({ courses: 2 });
    const email = `student-${uid()}@test.example`;
    await db.user.update({ where: { id: student.id }, data: { email } });
    const { code } = await createPairingCode(studentActor, { studentId: student.id });
    noPruning();
    const { result, statements } = await statementsOf(() =>
      redeemPairingCode(parentActor, { observerId: parent.id, code }),
    );
    expect(result).toMatchObject({ id: student.id, name: student.name });
    // 1 the observer's schools (whose guessing budgets the guess spends), 2 their admin scope (for
    // the staff check), 3 the guess counted, 4 the code with everything that decides it, 5 the
    // code consumed with the link, enrollments, audit and notice (one statement: atomic on its
    // own, no BEGIN/COMMIT), 6 the guess given back (only failures count).
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(6);

    const link = await db.observationLink.findFirst({
      where: { studentId: student.id, observerId: parent.id },
      select: { rootAccountId: true, workflowState: true, method: true, createdById: true },
    });
    expect(link).toEqual({
      rootAccountId: account.id,
      workflowState: "active",
      method: "code",
      createdById: parent.id,
    });
    const enrollments = await db.enrollment.findMany({
      where: { userId: parent.id, type: "observer", associatedUserId: student.id, workflowState: "active" },
      select: { courseId: true },
    });
    expect(enrollments.map((e) => e.courseId).sort()).toEqual(student.courses.map((c) => c.id).sort());
    const audit = await db.auditEvent.findMany({
      where: { subjectId: student.id, action: { in: ["code.redeemed", "link.created"] } },
      select: { action: true, actorId: true, targetId: true, rootAccountId: true, method: true, ip: true },
      orderBy: { action: "asc" },
    });
    const who = {
      actorId: parent.id,
      targetId: parent.id,
      rootAccountId: account.id,
      method: "code",
      ip: parentActor.ip,
    };
    expect(audit).toEqual([
      { action: "code.redeemed", ...who },
      { action: "link.created", ...who },
    ]);
    expect(await db.notification.count({ where: { userId: student.id, kind: "observer_linked" } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: email, rootAccountId: account.id } })).toBe(1);
    expect(
      await db.pairingCode.findFirst({
        where: { studentId: student.id },
        select: { workflowState: true, redeemedById: true },
      }),
    ).toEqual({
      workflowState: "redeemed",
      redeemedById: parent.id,
    });
    expect(await observerCount(parent.id)).toBe(0);
  });

  it("an admin redeeming for an observer: the observer's own admin scope, and no counters (an admin is no guesser)", async () => {
    const { account, student, parent, studentActor } = await family();
    const admin = await makeAdmin(account.id);
    const { code } = await createPairingCode(studentActor, { studentId: student.id });
    noPruning();
    const { statements } = await statementsOf(() =>
      redeemPairingCode(actorFor(admin, account.id), { observerId: parent.id, code }),
    );
    // The observer's schools, the admin's scope, the observer's scope, the code, the redemption:
    // no counter statements, since an admin adding for someone is not throttled as a guesser.
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(5);
    expect(await db.observationLink.count({ where: { studentId: student.id, observerId: parent.id } })).toBe(
      1,
    );
  });

  it("a wrong guess: the same answer, counted, and audited, in five statements", async () => {
    const { parent, parentActor } = await family();
    noPruning();
    const { result: err, statements } = await statementsOf(() =>
      errorOf(redeemPairingCode(parentActor, { observerId: parent.id, code: "ABCD-EFGH" })),
    );
    expect({ code: err.code, message: err.message }).toEqual({
      code: "unprocessable",
      message: "Invalid pairing code.",
    });
    // The observer's schools and admin scope, the guess counted, the code looked for, the failure audited.
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(5);
    expect(await observerCount(parent.id)).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "code.failed", targetId: parent.id } })).toBe(1);
  });
});
