// dry_run=true reports and writes nothing; abort stops an import that has not run yet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "../../lib/platform/db.ts";
import { startImportWorker, stopImportWorker } from "../../lib/imports/queue.ts";
import { runSisImport } from "../../lib/imports/run.ts";
import { world, type World } from "../helpers/api-world.ts";
import { csv, sisClient, sisIdOf } from "../helpers/api-sis-imports.ts";
import { uid } from "../helpers/factory.ts";

beforeAll(() => startImportWorker());
afterAll(() => stopImportWorker());

/** A new guardian (no password) observing the world's student. */
async function family(w: World) {
  const t = uid();
  const student = await sisIdOf(w.student.id);
  const email = `dry.${t}@home.test`;
  return {
    email,
    sis: `D-${t}`,
    files: [
      csv("users.csv", [
        "user_id,login_id,full_name,email,status",
        `D-${t},${email},Dee Guardian,${email},active`,
      ]),
      csv("user_observers.csv", ["observer_id,student_id,status", `D-${t},${student},active`]),
    ],
  };
}

const nothingWritten = async (w: World, f: Awaited<ReturnType<typeof family>>) => {
  expect(await db.login.count({ where: { rootAccountId: w.root.id, sisUserId: f.sis } })).toBe(0);
  expect(await db.outboxEmail.count({ where: { to: f.email } })).toBe(0);
  expect(await db.observationLink.count({ where: { studentId: w.student.id } })).toBe(0);
  expect(await db.auditEvent.count({ where: { subjectId: w.student.id, method: "sis" } })).toBe(0);
};

// lib/imports/run.ts applies a school's imports under this advisory lock (its LOCK_CLASS).
const SCHOOL_LOCK = 0x51515;

describe("SIS Imports API: dry run and abort", () => {
  it("dry_run=true reports what the import would do and writes nothing", async () => {
    const w = await world();
    const sis = sisClient(w);
    const f = await family(w);
    const posted = await sis.postFiles(f.files, "?dry_run=true");
    expect(posted.status).toBe(200);
    expect(posted.json.dry_run).toBe(true);
    const done = await sis.finished(posted.json.id);
    expect(done.workflow_state).toBe("imported");
    expect(done.data.counts).toMatchObject({ users: 1, user_observers: 1, created: 1, linked: 1 });
    await nothingWritten(w, f);

    // The same files for real do what the dry run said.
    const real = await sis.finished((await sis.postFiles(f.files)).json.id);
    expect(real.dry_run).toBe(false);
    expect(real.data.counts).toMatchObject({ users: 1, user_observers: 1, created: 1, linked: 1 });
    expect(
      await db.observationLink.count({ where: { studentId: w.student.id, workflowState: "active" } }),
    ).toBe(1);
    expect(
      await db.outboxEmail.count({ where: { to: f.email, subject: { contains: "account is ready" } } }),
    ).toBe(1);
  });

  it("abort: an import waiting its turn is never applied; a finished one stays as it was", async () => {
    const w = await world();
    const sis = sisClient(w);
    const f = await family(w);
    // Hold the school's lock, as a running import of the same school would: the worker waits.
    const holder = await pool.connect();
    let id: number;
    try {
      await holder.query(`SELECT pg_advisory_lock($1, $2)`, [SCHOOL_LOCK, w.root.id]);
      const posted = await sis.postFiles(f.files);
      expect(posted.json.workflow_state).toBe("created");
      id = posted.json.id;
      const aborted = await sis.abort(id);
      expect(aborted.status).toBe(200);
      expect(aborted.json.workflow_state).toBe("aborted");
      expect(aborted.json.ended_at).not.toBeNull();
    } finally {
      await holder.query(`SELECT pg_advisory_unlock($1, $2)`, [SCHOOL_LOCK, w.root.id]);
      holder.release();
    }
    expect(await runSisImport(id)).toBe("finished-already");
    expect((await sis.get(id)).json.workflow_state).toBe("aborted");
    await nothingWritten(w, f);

    const done = await sis.finished((await sis.postFiles(f.files)).json.id);
    expect(done.workflow_state).toBe("imported");
    const again = await sis.abort(done.id);
    expect([again.status, again.json.workflow_state, again.json.ended_at]).toEqual([
      200,
      "imported",
      done.ended_at,
    ]);
  });
});
