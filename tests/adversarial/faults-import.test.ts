// Faults during a bulk import: a family roster of 2,000 students uploaded over HTTP and applied by
// the server's worker (instrumentation.ts) while the app's PostgreSQL backends are killed again
// and again → the import still finishes, every guardian exists once and every student has exactly
// the roster's link: nothing half-written, nothing twice, and the app serves on without a restart.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { bulkStudents, rosterLines } from "../helpers/bulk-students.ts";
import { uid } from "../helpers/factory.ts";
import { backendKiller } from "./faults.ts";
import { eventually, httpJson } from "./harness.ts";
import { member, school } from "./fixtures.ts";

const STUDENTS = 2000;
const DONE = ["imported", "imported_with_messages", "failed", "failed_with_messages", "aborted"];

describe("faults during a bulk import", () => {
  it(`backends killed while a ${STUDENTS}-student roster imports: it finishes, whole and once`, async () => {
    const s = await school();
    const admin = await member(s, "ImportAdmin");
    await makeAccountAdmin({ accountId: s.root.id, userId: admin.id });
    const prefix = `F${uid().toUpperCase()}-`;
    const studentIds = await bulkStudents(s.root.id, s.course.id, STUDENTS, prefix);
    const form = new FormData();
    form.append(
      "attachment",
      new File([rosterLines(prefix, STUDENTS).join("\n") + "\n"], "roster.csv", { type: "text/csv" }),
    );
    const created = await httpJson(`/api/v1/accounts/${s.root.id}/sis_imports`, {
      method: "POST",
      host: s.domain,
      token: admin.token,
      body: form,
    });
    expect(created.status).toBe(200);
    const importId = (created.json as { id: number }).id;
    const state = async () => {
      const r = await httpJson(`/api/v1/accounts/${s.root.id}/sis_imports/${importId}`, {
        host: s.domain,
        token: admin.token,
      });
      return r.status === 200 ? (r.json as { workflow_state: string; progress: number }) : null;
    };

    // Kill every 250 ms until the import has made progress and then some, or finished.
    const killer = backendKiller(250);
    const started = Date.now();
    let last: { workflow_state: string; progress: number } | null = null;
    while (Date.now() - started < 60_000) {
      last = (await state().catch(() => null)) ?? last;
      if (last && (DONE.includes(last.workflow_state) || last.progress >= 60)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    const killed = await killer.stop();
    expect(killed).toBeGreaterThan(0);

    await eventually(async () => DONE.includes((await state())?.workflow_state ?? ""), 180_000);
    const final = await state();
    expect(final?.workflow_state).toBe("imported");

    const links = await db.observationLink.findMany({
      where: { studentId: { in: studentIds }, workflowState: "active" },
      select: { studentId: true, observerId: true },
    });
    expect(links).toHaveLength(STUDENTS);
    expect(new Set(links.map((l) => l.studentId)).size).toBe(STUDENTS);
    const guardians = await db.login.findMany({
      where: { rootAccountId: s.root.id, uniqueId: { endsWith: `.${prefix.toLowerCase()}@home.test` } },
      select: { userId: true },
    });
    expect(guardians).toHaveLength(STUDENTS / 2);
    expect(new Set(links.map((l) => l.observerId))).toEqual(new Set(guardians.map((g) => g.userId)));
    console.log(`import under faults: ${killed} backends killed; finished ${final?.workflow_state}`);
  });
});
