// The SIS Imports API's refusals: who may import (root-account admins of that school only), what
// another school sees (404), and bad uploads (no file 400, too large 413, unknown headers).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startImportWorker, stopImportWorker } from "../../lib/imports/queue.ts";
import { MAX_UPLOAD_BYTES } from "../../lib/api/uploads.ts";
import { NOT_FOUND, UNAUTHENTICATED, UNAUTHORIZED, world, type World } from "../helpers/api-world.ts";
import { bytes, csv, sisClient } from "../helpers/api-sis-imports.ts";
import { uid } from "../helpers/factory.ts";

beforeAll(() => startImportWorker());
afterAll(() => stopImportWorker());

const usersCsv = () =>
  csv("users.csv", ["user_id,login_id,full_name,status", `G-${uid()},g.${uid()}@home.test,Gus,active`]);

/** Every SIS Imports endpoint as `token`'s user on `account`, naming import `id`. */
async function everyEndpoint(w: World, token: string | null, account: string, id: number) {
  const sis = sisClient(w, token, account);
  const answers = await Promise.all([
    sis.postFiles([usersCsv()]),
    sis.list(),
    sis.get(id),
    sis.abort(id),
    sis.errors(id),
    sis.attachment(id),
  ]);
  return answers.map((a) => [a.status, a.json]);
}

describe("SIS Imports API: access", () => {
  it("only the school's root-account admins may import; others get 401, another school 404", async () => {
    const w = await world();
    const mine = await sisClient(w).postFiles([usersCsv()]);
    expect(mine.status).toBe(200);
    const id = mine.json.id;
    const root = String(w.root.id);

    expect(await everyEndpoint(w, null, "self", id)).toEqual(Array(6).fill([401, UNAUTHENTICATED]));
    for (const who of [w.teacher, w.parent, w.student, w.subAdmin])
      expect(await everyEndpoint(w, who.token, root, id)).toEqual(Array(6).fill([401, UNAUTHORIZED]));
    // A sub-account admin on their own account: SIS imports belong to root accounts (Canvas: 400).
    const rootOnly = { errors: [{ message: "SIS imports can only be executed on root accounts" }] };
    expect(await everyEndpoint(w, w.subAdmin.token, String(w.sub.id), id)).toEqual(
      Array(6).fill([400, rootOnly]),
    );
    // Another school's admin: on this school's host their token is no credential (anonymous).
    expect(await everyEndpoint(w, w.otherAdmin.token, root, id)).toEqual(
      Array(6).fill([401, UNAUTHENTICATED]),
    );

    // Another school's import, asked for through this school's account, or through theirs.
    const otherHost = { ...w, domain: w.otherDomain, admin: w.otherAdmin };
    const theirs = await sisClient(otherHost).postFiles([usersCsv()]);
    expect(theirs.status).toBe(200);
    const own = sisClient(w);
    for (const res of [
      await own.get(theirs.json.id),
      await own.errors(theirs.json.id),
      await own.abort(theirs.json.id),
    ])
      expect([res.status, res.json]).toEqual([404, NOT_FOUND]);
    expect((await sisClient(otherHost).get(id)).status).toBe(404);
    expect((await sisClient(w, w.otherAdmin.token, String(w.other.id)).get(id)).status).toBe(401);
    expect((await own.list()).json.sis_imports.map((i: { id: number }) => i.id)).not.toContain(
      theirs.json.id,
    );
    expect((await own.get("abc")).status).toBe(404);
    expect((await sisClient(w, w.admin.token, "999999999").list()).status).toBe(404);
  });

  it("lists newest first, paginated with Canvas's Link header", async () => {
    const w = await world();
    const sis = sisClient(w);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await sis.postFiles([usersCsv()])).json.id);
    const first = await sis.list("?per_page=2");
    expect(first.status).toBe(200);
    expect(first.json.sis_imports.map((i: { id: number }) => i.id)).toEqual([ids[2], ids[1]]);
    const link = first.headers.get("link")!;
    expect(link).toContain('rel="next"');
    expect(link).toContain(`/api/v1/accounts/self/sis_imports?per_page=2&page=2`);
    const second = await sis.list("?per_page=2&page=2");
    expect(second.json.sis_imports.map((i: { id: number }) => i.id)).toEqual([ids[0]]);
    expect((await sis.list("?per_page=2&page=3")).json).toEqual({ sis_imports: [] });
  });
});

describe("SIS Imports API: uploads", () => {
  it("no file is a 400 naming what to send; unknown params are ignored, bad ones named", async () => {
    const w = await world();
    const sis = sisClient(w);
    const noFile = { errors: [{ message: "Attach a CSV file (or a zip of CSV files) to import." }] };
    const empty = await sis.postFiles([], "", { import_type: "instructure_csv" });
    expect([empty.status, empty.json]).toEqual([400, noFile]);
    const bare = await sis.postRaw("", "text/csv", "?extension=csv");
    expect([bare.status, bare.json]).toEqual([400, noFile]);
    // A file under another multipart name is not the attachment.
    const form = new FormData();
    form.append("file", usersCsv());
    expect((await sis.postForm(form)).status).toBe(400);

    const type = await sis.postFiles([usersCsv()], "?import_type=ims_xml");
    expect(type.status).toBe(400);
    expect(type.json.errors[0].message).toMatch(/^import_type: /);
    expect((await sis.postRaw(bytes(["a"]), "text/csv", "?extension=xml")).status).toBe(400);
    const latin = await sis.postRaw(bytes(["a"]), "text/csv; charset=iso-8859-1");
    expect([latin.status, latin.json]).toEqual([
      400,
      { errors: [{ message: "Invalid content type, UTF-8 required" }] },
    ]);

    const canvasOptions =
      "?batch_mode=1&batch_mode_term_id=15&override_sis_stickiness=true&diffing_data_set_identifier=x";
    const ok = await sis.postFiles([usersCsv()], canvasOptions);
    expect(ok.status).toBe(200);
    expect(ok.json.batch_mode).toBe(false);
  });

  it("a body over 50 MB is a 413, refused by its length or while it streams", async () => {
    const w = await world();
    const sis = sisClient(w);
    const declared = await sis.postRaw(bytes(["user_id,login_id,status"]), "text/csv", "?extension=csv", {
      "content-length": String(MAX_UPLOAD_BYTES + 1),
    });
    expect(declared.status).toBe(413);
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_UPLOAD_BYTES + chunk.byteLength) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await sis.postRaw(stream, "text/csv", "?extension=csv");
    expect(streamed.status).toBe(413);
    expect(streamed.json.errors[0].message).toMatch(/too large/);
    expect(sent).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 2 * chunk.byteLength);

    const big = await sis.postFiles([new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], "big.csv")]);
    expect(big.status).toBe(413);
  });

  it("a file with unknown headers fails at once, with the message in processing_errors and /errors", async () => {
    const w = await world();
    const sis = sisClient(w);
    const res = await sis.postFiles([csv("courses.csv", ["course_id,short_name,status", "C1,Maths,active"])]);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ workflow_state: "failed_with_messages", progress: 100, total_rows: 0 });
    const message =
      "Couldn't find Canvas CSV import headers (nor a family roster's or OneRoster's) in courses.csv";
    expect(res.json.processing_errors).toEqual([["courses.csv", message]]);
    expect(res.json.errors_attachment.url).toBe(
      `http://${w.domain}/api/v1/accounts/${w.root.id}/sis_imports/${res.json.id}/errors_attachment`,
    );
    const errors = await sis.errors(res.json.id);
    expect(errors.json).toEqual({
      sis_import_errors: [{ sis_import_id: res.json.id, file: "courses.csv", message, row: null }],
    });
  });
});
