// POST /api/v1/accounts/:account_id/sis_imports/:id/undo: without dry_run=false a dry run, which
// answers what would be reverted and changes nothing; then the undo; a second one is 409; others get 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as undo from "../../app/api/v1/accounts/[account_id]/sis_imports/[id]/undo/route.ts";
import { startImportWorker, stopImportWorker } from "../../lib/imports/queue.ts";
import { UNAUTHORIZED, world } from "../helpers/api-world.ts";
import { csv, observeeIds, send, sisClient, sisIdOf } from "../helpers/api-sis-imports.ts";
import { uid } from "../helpers/factory.ts";

beforeAll(() => startImportWorker());
afterAll(() => stopImportWorker());

describe("SIS Imports API: undo", () => {
  it("dry run, then undo; once only; admins of the school only", async () => {
    const w = await world();
    const t = uid();
    const student = await sisIdOf(w.student.id);
    const posted = await sisClient(w).postFiles([
      csv("users.csv", ["user_id,login_id,full_name,status", `P-${t},pat.${t}@home.test,Pat,active`]),
      csv("user_observers.csv", ["observer_id,student_id,status", `P-${t},${student},active`]),
    ]);
    const id = posted.json.id;
    expect((await sisClient(w).finished(id)).workflow_state).toBe("imported");
    expect(await observeeIds(w, `sis_user_id:P-${t}`)).toEqual([w.student.id]);

    const call = (token: string, query: string) =>
      send(undo.POST, {
        method: "POST",
        url: `/accounts/self/sis_imports/${id}/undo${query}`,
        params: { account_id: "self", id: String(id) },
        host: w.domain,
        token,
      });
    for (const who of [w.teacher, w.parent, w.student])
      expect(await call(who.token, "?dry_run=true")).toMatchObject({ status: 401, json: UNAUTHORIZED });

    const preview = await call(w.admin.token, "");
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      sis_import_id: id,
      dry_run: true,
      removed: 1,
      restored: 0,
      skipped: 0,
      pairs_total: 1,
      pairs: [{ student_id: w.student.id, observer_name: "Pat", change: "remove", skipped: null }],
    });
    expect(await observeeIds(w, `sis_user_id:P-${t}`)).toEqual([w.student.id]);

    const done = await call(w.admin.token, "?dry_run=false");
    expect(done).toMatchObject({ status: 200, json: { dry_run: false, removed: 1 } });
    expect(await observeeIds(w, `sis_user_id:P-${t}`)).toEqual([]);
    const again = await call(w.admin.token, "?dry_run=true");
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/already undone/);
  });
});
