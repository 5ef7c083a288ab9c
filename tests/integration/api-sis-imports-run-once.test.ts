// A finished dry run runs for real once (a double click or a second tab gets the same run), and
// the list takes Canvas's filters: workflow_state[], created_since, created_before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { runDryRunForReal } from "../../lib/imports/imports.ts";
import { startImportWorker, stopImportWorker } from "../../lib/imports/queue.ts";
import { world } from "../helpers/api-world.ts";
import { csv, sisClient, sisIdOf } from "../helpers/api-sis-imports.ts";
import { actorFor, uid } from "../helpers/factory.ts";

beforeAll(() => startImportWorker());
afterAll(() => stopImportWorker());

describe("SIS imports: a dry run runs for real once; list filters", () => {
  it("two clicks at once make one real run, which the dry run and the list point to", async () => {
    const w = await world();
    const sis = sisClient(w);
    const t = uid();
    const files = [
      csv("user_observers.csv", [
        "observer_id,student_id,status",
        `Nobody-${t},${await sisIdOf(w.student.id)},active`,
      ]),
    ];
    const dry = await sis.finished((await sis.postFiles(files, "?dry_run=true")).json.id);
    expect([dry.workflow_state, dry.real_run_id]).toEqual(["imported_with_messages", null]);

    const actor = actorFor(w.admin, w.root.id);
    const input = { accountId: w.root.id, importId: dry.id };
    const [a, b] = await Promise.all([runDryRunForReal(actor, input), runDryRunForReal(actor, input)]);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(dry.id);
    expect(await db.sisImport.count({ where: { sourceImportId: dry.id } })).toBe(1);
    const again = await runDryRunForReal(actor, input);
    expect(again.id).toBe(a.id);

    const real = await sis.finished(a.id);
    expect([real.dry_run, real.source_import_id]).toEqual([false, dry.id]);
    expect(real.processing_warnings[0][1]).toContain(
      `An observer referenced a non-existent user Nobody-${t}`,
    );
    expect((await sis.get(dry.id)).json.real_run_id).toBe(a.id);
  });

  it("filters by workflow_state[] and created_since/created_before, and names a bad filter", async () => {
    const w = await world();
    const sis = sisClient(w);
    const good = csv("users.csv", [
      "user_id,login_id,full_name,status",
      `F-${uid()},f.${uid()}@home.test,Fay,active`,
    ]);
    const ok = await sis.finished((await sis.postFiles([good])).json.id);
    const bad = await sis.finished((await sis.postFiles([csv("notes.csv", ["what,ever", "a,b"])])).json.id);
    expect([ok.workflow_state, bad.workflow_state]).toEqual(["imported", "failed_with_messages"]);

    const ids = async (query: string) => {
      const res = await sis.list(query);
      expect(res.status).toBe(200);
      return res.json.sis_imports.map((i: { id: number }) => i.id);
    };
    expect(await ids("")).toEqual([bad.id, ok.id]);
    expect(await ids("?workflow_state[]=imported")).toEqual([ok.id]);
    expect(await ids("?workflow_state[]=imported&workflow_state[]=failed_with_messages")).toEqual([
      bad.id,
      ok.id,
    ]);
    expect(await ids(`?created_since=${encodeURIComponent(bad.created_at)}`)).toEqual([bad.id]);
    expect(await ids(`?created_before=${encodeURIComponent(bad.created_at)}`)).toEqual([ok.id]);
    expect(await ids("?created_since=2999-01-01T00:00:00Z")).toEqual([]);

    const wrongState = await sis.list("?workflow_state[]=done");
    expect(wrongState.status).toBe(400);
    expect(JSON.stringify(wrongState.json)).toContain('\\"done\\" is not a state');
    const wrongDate = await sis.list("?created_since=yesterday");
    expect(wrongDate.status).toBe(400);
    expect(JSON.stringify(wrongDate.json)).toContain("created_since");
  });
});
