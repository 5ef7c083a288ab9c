import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

describe("users.csv", () => {
  it("creates, updates, suspends and deletes by SIS id; a login taken or repeated is refused", async () => {
    const s = await importSchool({ students: 1 });
    const t = s.tag;
    const first = await importNow(s, [
      csvFile("users.csv", [
        "user_id,login_id,first_name,last_name,email,status",
        `P1-${t},p1.${t}@home.test,Pat,Doe,,active`,
        `P2-${t},p2.${t}@home.test,Sam,Roe,sam.${t}@mail.test,active`,
        `P3-${t},p2.${t}@home.test,Dup,Login,,active`,
        `P4-${t},${s.students[0].login},Taken,Login,,active`,
        `P5-${t},p5.${t}@home.test,Bad,Status,,sleeping`,
      ]),
    ]);
    expect(first.data.counts).toMatchObject({ users: 2, created: 2, warning_count: 3 });
    expect(first.processing_warnings.map((w) => w[1])).toEqual([
      `The login ID "p2.${t}@home.test" is given to another user earlier in this import, skipping user P3-${t}`,
      `An existing user already has the login ID "${s.students[0].login}", skipping user P4-${t}`,
      `Improper status "sleeping" for user P5-${t}, skipping`,
    ]);
    const p1 = await db.login.findFirstOrThrow({
      where: { rootAccountId: s.account.id, sisUserId: `P1-${t}` },
      select: { userId: true, user: { select: { name: true, sortableName: true } } },
    });
    expect(p1.user).toEqual({ name: "Pat Doe", sortableName: "Doe, Pat" });
    // No password: a setup link, to the email when there is one, else to a login that is an email.
    const mail = await db.outboxEmail.findMany({
      where: { to: { in: [`p1.${t}@home.test`, `sam.${t}@mail.test`] } },
      select: { to: true },
    });
    expect(mail.map((m) => m.to).sort()).toEqual([`p1.${t}@home.test`, `sam.${t}@mail.test`].sort());

    const second = await importNow(s, [
      csvFile("users.csv", [
        "user_id,login_id,full_name,status",
        `P1-${t},p1.${t}@home.test,Pat Doe-Smith,suspended`,
        `P2-${t},p2.${t}@home.test,Sam Roe,deleted`,
        `P9-${t},p9.${t}@home.test,Never Here,deleted`,
      ]),
    ]);
    expect(second.data.counts).toMatchObject({ users: 3, updated: 2, skipped: 1, created: 0 });
    const after = await db.user.findUniqueOrThrow({
      where: { id: p1.userId },
      select: { name: true, workflowState: true },
    });
    expect(after).toEqual({ name: "Pat Doe-Smith", workflowState: "suspended" });
    const p2 = await db.login.findFirstOrThrow({
      where: { rootAccountId: s.account.id, sisUserId: `P2-${t}` },
    });
    expect(p2.workflowState).toBe("deleted");
  });
});
