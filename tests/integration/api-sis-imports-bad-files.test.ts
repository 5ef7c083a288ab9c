// Files that cannot be read must end as a failed import that says why (Canvas: 200, then
// failed_with_messages), never as a 500 or a failure without a message.
//
// KNOWN ENGINE BUG (lib/imports/stage.ts, reported, not fixed here): a corrupt zip (unzipSync
// throws) and a CSV with an unclosed quote (csv-parse throws) escape createSisImport as 500s, and
// a zip holding no CSV file fails with no message at all. This test fails until the engine
// records those as import messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import { startImportWorker, stopImportWorker } from "../../lib/imports/queue.ts";
import { world } from "../helpers/api-world.ts";
import { bytes, csv, sisClient } from "../helpers/api-sis-imports.ts";

beforeAll(() => startImportWorker());
afterAll(() => stopImportWorker());

describe("SIS Imports API: unreadable files", () => {
  it("a corrupt zip, a malformed CSV and a zip without CSV files fail with a message naming the file", async () => {
    const w = await world();
    const sis = sisClient(w);
    const cases = [
      {
        file: "sis_import.zip",
        post: () => sis.postRaw(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), "application/zip"),
      },
      {
        file: "users.csv",
        post: () =>
          sis.postFiles([csv("users.csv", ["user_id,login_id,status", '"unclosed,x,active', "u2,y,active"])]),
      },
      {
        file: "sis_import.zip",
        post: () => sis.postRaw(zipSync({ "readme.txt": bytes(["not a csv"]) }), "application/zip"),
      },
    ];
    for (const c of cases) {
      const res = await c.post();
      expect.soft(res.status, `${c.file}: ${res.text.slice(0, 120)}`).toBe(200);
      if (res.status !== 200) continue;
      const done = await sis.finished(res.json.id);
      expect.soft(done.workflow_state).toBe("failed_with_messages");
      expect.soft(done.processing_errors.length, JSON.stringify(done.files)).toBeGreaterThan(0);
      expect.soft(JSON.stringify(done.processing_errors)).toContain(c.file);
      expect.soft(done.errors_attachment).not.toBeNull();
    }
  });
});
