import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  createPairingCode,
  createPairingCodes,
  listActivePairingCodes,
  MAX_ACTIVE_CODES,
} from "../../lib/pairing-codes/index.ts";
import * as codesRoute from "../../app/api/v1/users/[user_id]/observer_pairing_codes/route.ts";
import { actorFor, makeAdmin, makeRootAccount, makeStudent } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { client, world } from "../helpers/api-world.ts";

const states = async (studentId: number) =>
  (
    await db.pairingCode.findMany({
      where: { studentId },
      orderBy: { id: "asc" },
      select: { workflowState: true },
    })
  ).map((r) => r.workflowState);

async function studentWithFullCodes() {
  const account = await makeRootAccount();
  const student = await makeStudent(account.id);
  const actor = actorFor(student, account.id);
  const made = [];
  for (let i = 0; i < MAX_ACTIVE_CODES; i++)
    made.push(await createPairingCode(actor, { studentId: student.id }));
  return { account, student, actor, made };
}

describe("the cap of five active codes", () => {
  it("keeps each code's last 4 characters, and nothing more of it, for the list", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id);
    const actor = actorFor(student, account.id);
    const made = await createPairingCode(actor, { studentId: student.id });
    const [listed] = await listActivePairingCodes(actor, { studentId: student.id });
    expect(listed).toMatchObject({ id: made.id, hint: made.code.slice(-4) });
    expect(JSON.stringify(listed)).not.toContain(made.code.replace("-", "").slice(0, 4));
  });

  it("at the cap, a sixth code is refused and every code stays active", async () => {
    const { student, actor } = await studentWithFullCodes();
    const err = await errorOf(createPairingCode(actor, { studentId: student.id }));
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/^You already have 5 active pairing codes\. Choose one to revoke/);
    expect(err.fieldErrors?.replace_code_id).toBeDefined();
    expect(await states(student.id)).toEqual(Array(5).fill("active"));
  });

  it("the student chooses which code goes: that one is revoked, the others stay, and the audit says so", async () => {
    const { student, actor, made } = await studentWithFullCodes();
    const fresh = await createPairingCode(actor, { studentId: student.id, replaceCodeId: made[2].id });
    expect(await states(student.id)).toEqual(["active", "active", "revoked", "active", "active", "active"]);
    const event = await db.auditEvent.findFirst({
      where: { action: "code.generated", subjectId: student.id },
      orderBy: { id: "desc" },
      select: { data: true },
    });
    expect(event?.data).toMatchObject({
      pairingCodeId: fresh.id,
      revokedIds: [made[2].id],
      revokedBecause: "chosen",
    });
    // A code that is no longer active (or another student's) cannot be chosen.
    const other = await makeStudent(actor.domainRootAccountId);
    const otherCode = await createPairingCode(actorFor(other, actor.domainRootAccountId), {
      studentId: other.id,
    });
    for (const replaceCodeId of [made[2].id, otherCode.id]) {
      const err = await errorOf(createPairingCode(actor, { studentId: student.id, replaceCodeId }));
      expect(err.code).toBe("conflict");
      expect(err.fieldErrors?.replace_code_id?.[0]).toMatch(/no longer active/);
    }
  });

  it("the REST API (Canvas's apps cannot choose) revokes the oldest at the cap", async () => {
    const w = await world();
    const gen = () =>
      client(w)(codesRoute.POST, {
        method: "POST",
        url: "/",
        params: { user_id: String(w.student.id) },
        token: w.student.token,
      });
    for (let i = 0; i < MAX_ACTIVE_CODES + 1; i++) {
      const res = await gen();
      expect(res.status).toBe(200);
      expect(Object.keys(res.json as object).sort()).toEqual([
        "code",
        "expires_at",
        "user_id",
        "workflow_state",
      ]);
    }
    expect(await states(w.student.id)).toEqual(["revoked", ...Array(5).fill("active")]);
  });

  it("a course's codes are refused, naming the students at the cap, unless the teacher asks to revoke the oldest", async () => {
    const { account, student, made } = await studentWithFullCodes();
    const admin = await makeAdmin(account.id);
    const classmate = await makeStudent(account.id);
    const adminActor = actorFor(admin, account.id);
    const err = await errorOf(createPairingCodes(adminActor, { studentIds: [classmate.id, student.id] }));
    expect(err.code).toBe("conflict");
    expect(err.message).toContain(`1 student already has 5 active pairing codes: ${student.name}.`);
    expect(await db.pairingCode.count({ where: { studentId: classmate.id } })).toBe(0);
    await createPairingCodes(adminActor, {
      studentIds: [classmate.id, student.id],
      whenFull: "revoke-oldest",
    });
    expect(await states(student.id)).toEqual(["revoked", "active", "active", "active", "active", "active"]);
    expect((await db.pairingCode.findUniqueOrThrow({ where: { id: made[0].id } })).workflowState).toBe(
      "revoked",
    );
  });
});
