// GET /api/v1/accounts/:id/sis_imports/:id/change_log (ours, not Canvas's): the change log over the
// API, paged by cursor with a Link header, filtered by kind; other schools get 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as changes from "../../app/api/v1/accounts/[account_id]/sis_imports/[id]/change_log/route.ts";
import { startImportWorker, stopImportWorker } from "../../lib/imports/queue.ts";
import { NOT_FOUND, UNAUTHORIZED, world } from "../helpers/api-world.ts";
import { csv, send, sisClient, sisIdOf } from "../helpers/api-sis-imports.ts";
import { uid } from "../helpers/factory.ts";

beforeAll(() => startImportWorker());
afterAll(() => stopImportWorker());

describe("SIS Imports API: change_log", () => {
  it("lists what the import changed, a page at a time, by kind; others get 401 or 404", async () => {
    const w = await world();
    const tag = uid();
    const student = await sisIdOf(w.student.id);
    const sis = sisClient(w);
    const posted = await sis.postFiles([
      csv("users.csv", [
        "user_id,login_id,full_name,status",
        `G-${tag},g.${tag}@home.test,Gus ${tag},active`,
      ]),
      csv("user_observers.csv", ["observer_id,student_id,status", `G-${tag},${student},active`]),
    ]);
    expect(posted.status).toBe(200);
    await sis.finished(posted.json.id);
    const get = (query: string, token = w.admin.token, host = w.domain) =>
      send(changes.GET, {
        url: `/accounts/self/sis_imports/${posted.json.id}/change_log${query}`,
        params: { account_id: "self", id: String(posted.json.id) },
        host,
        token,
      });

    const all = await get("");
    expect(all.status).toBe(200);
    expect(all.json.next).toBeNull();
    const kinds = all.json.change_log.map((c: { kind: string }) => c.kind);
    expect(kinds.slice(0, 2)).toEqual(["link_created", "account_created"]);
    expect(all.json.change_log[0]).toMatchObject({
      student: { id: w.student.id, sis_user_id: student },
      observer: { name: `Gus ${tag}`, sis_user_id: `G-${tag}`, login_id: `g.${tag}@home.test` },
      file: "user_observers.csv",
      row: 2,
    });

    const first = await get("?per_page=1");
    expect(first.json.change_log).toHaveLength(1);
    expect(first.headers.get("Link")).toContain(`after=${encodeURIComponent(first.json.next)}`);
    const second = await get(`?per_page=1&after=${first.json.next}`);
    expect(second.json.change_log[0].kind).toBe("account_created");
    expect((await get("?kind=link_removed")).json).toEqual({ change_log: [], next: null });
    expect((await get("?kind=nonsense")).status).toBe(400);

    expect(await get("", w.parent.token).then((r) => [r.status, r.json])).toEqual([401, UNAUTHORIZED]);
    const other = await world();
    expect(await get("", other.admin.token, other.domain).then((r) => [r.status, r.json])).toEqual([
      404,
      NOT_FOUND,
    ]);
  });
});
