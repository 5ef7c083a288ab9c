import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  createPairingCode,
  listActivePairingCodes,
  redeemPairingCode,
  revokePairingCode,
} from "../../lib/pairing-codes/index.ts";
import { actorFor, makeRootAccount, makeStudent, makeUser } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";

describe("active pairing codes of a student", () => {
  it("active codes are listed without the code and can be revoked", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id);
    const actor = actorFor(student, account.id);
    const made = await createPairingCode(actor, { studentId: student.id });
    const list = await listActivePairingCodes(actor, { studentId: student.id });
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(made.code.replace("-", ""));
    await revokePairingCode(actor, { studentId: student.id, codeId: list[0].id });
    expect(await listActivePairingCodes(actor, { studentId: student.id })).toEqual([]);
    // Audited in the code's school (so admins see it), with how it was done (this actor: the API).
    expect(
      await db.auditEvent.findFirst({
        where: { action: "code.revoked", subjectId: student.id },
        select: { rootAccountId: true, method: true },
      }),
    ).toEqual({ rootAccountId: account.id, method: "api" });
    const parent = await makeUser(account.id);
    expect(
      (
        await errorOf(
          redeemPairingCode(actorFor(parent, account.id), { observerId: parent.id, code: made.code }),
        )
      ).message,
    ).toBe("Invalid pairing code.");
    // Someone else's code id is not found for this student.
    expect(
      (await errorOf(revokePairingCode(actor, { studentId: student.id, codeId: list[0].id }))).code,
    ).toBe("not_found");
  });
});
