// A worker killed in the middle of an import: the next one resumes from the last checkpoint, and
// every row is applied exactly once.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { createSisImport, getSisImport } from "../../lib/imports/imports.ts";
import { BATCH_SIZE, runSisImport } from "../../lib/imports/run.ts";
import { bulkStudents, rosterLines } from "../helpers/bulk-students.ts";
import { csvFile, importSchool } from "../helpers/imports.ts";

const N = 3 * BATCH_SIZE;

function worker(importId: number) {
  const code = `const { runSisImport } = await import("./lib/imports/run.ts"); await runSisImport(${importId}); process.exit(0);`;
  return spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", code],
    {
      env: process.env,
      stdio: "ignore",
    },
  );
}

async function until(check: () => Promise<boolean>, ms = 60_000) {
  for (const start = Date.now(); Date.now() - start < ms; await new Promise((r) => setTimeout(r, 20)))
    if (await check()) return;
  throw new Error("timed out");
}

describe("import resilience", () => {
  it("a worker killed mid-import (SIGKILL) is resumed from its checkpoint; no row is applied twice", async () => {
    const s = await importSchool({ students: 0 });
    const prefix = `R${s.tag}-`;
    const ids = await bulkStudents(s.account.id, s.course.id, N, prefix);
    const created = await createSisImport(s.adminActor, {
      accountId: s.account.id,
      files: [csvFile("roster.csv", rosterLines(prefix, N))],
      origin: "http://school.test",
      enqueue: false,
    });
    const child = worker(created.id);
    const state = () => db.sisImport.findUniqueOrThrow({ where: { id: created.id } });
    await until(async () => (await state()).processedSeq >= BATCH_SIZE);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const atKill = await state();
    expect(atKill.workflowState).toBe("importing");
    expect(atKill.processedSeq).toBeLessThan(N);

    // The dead worker's session (and its advisory lock) goes away with it; resume here.
    await until(async () => (await runSisImport(created.id)) !== "busy", 30_000);
    const done = await getSisImport(s.adminActor, { accountId: s.account.id, importId: created.id });
    expect(done.workflow_state).toBe("imported");
    expect(done.data.counts).toMatchObject({ families: N, created: N / 2, linked: N / 2, unchanged: 0 });
    expect(
      await db.observationLink.count({ where: { studentId: { in: ids }, workflowState: "active" } }),
    ).toBe(N);
    expect(await db.auditEvent.count({ where: { action: "link.created", subjectId: { in: ids } } })).toBe(N);
    expect(
      await db.login.count({
        where: { rootAccountId: s.account.id, uniqueIdNormalized: { startsWith: "guardian" } },
      }),
    ).toBe(N / 2);
    expect(
      await db.enrollment.count({
        where: { type: "observer", associatedUserId: { in: ids }, workflowState: "active" },
      }),
    ).toBe(N);
    expect(await db.notification.count({ where: { userId: { in: ids } } })).toBe(N);
  }, 120_000);

  it("one import at a time per school: a second one waits (busy) while the first holds the school", async () => {
    const s = await importSchool({ students: 2 });
    const lines = [
      "student_sis_id,guardian_email,guardian_name",
      `${s.students[0].sis},a.${s.tag}@home.test,A`,
    ];
    const [first, second] = await Promise.all(
      [0, 1].map(() =>
        createSisImport(s.adminActor, {
          accountId: s.account.id,
          files: [csvFile("r.csv", lines)],
          origin: "http://school.test",
          enqueue: false,
        }),
      ),
    );
    await db.sisImport.update({ where: { id: first.id }, data: { workflowState: "importing" } });
    expect(await runSisImport(second.id)).toBe("busy");
    expect(await runSisImport(first.id)).toBe("done");
    expect(await runSisImport(second.id)).toBe("done");
    const after = await getSisImport(s.adminActor, { accountId: s.account.id, importId: second.id });
    expect(after.data.counts).toMatchObject({ unchanged: 1 });
  });
});
