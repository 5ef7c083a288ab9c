// A Canvas SIS client end to end: users.csv + user_observers.csv posted to the REST API, applied by
// the real import worker (pg-boss), polled until done, the links found through the observees API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sisImportJsonSchema } from "../../lib/api/endpoints/sis-imports.ts";
import { db } from "../../lib/platform/db.ts";
import { startImportWorker, stopImportWorker } from "../../lib/imports/queue.ts";
import { verifyPassword } from "../../lib/identity/passwords.ts";
import { person, world } from "../helpers/api-world.ts";
import { csv, observeeIds, sisClient, sisIdOf } from "../helpers/api-sis-imports.ts";
import { uid } from "../helpers/factory.ts";

beforeAll(() => startImportWorker());
afterAll(() => stopImportWorker());

const OBSERVERS_HEADER = "observer_id,student_id,status";

describe("SIS Imports API: a Canvas client", () => {
  it("imports users and observer links from two attachments, with Canvas's row messages", async () => {
    const w = await world();
    const sis = sisClient(w);
    const t = uid();
    const student = await sisIdOf(w.student.id);
    await person(w.root.id, "Kid", `K-${t}`);
    const users = csv("users.csv", [
      "user_id,login_id,first_name,last_name,email,status,password",
      `P1-${t},pat.${t}@home.test,Pat,Parent,,active,Sesame-${t}-pass`,
      `P2-${t},lee.${t}@home.test,Lee,Guardian,lee.${t}@home.test,active,`,
    ]);
    const links = csv("user_observers.csv", [
      OBSERVERS_HEADER,
      `P1-${t},${student},active`,
      `P2-${t},${student},active`,
      `GHOST-${t},${student},active`,
      `P1-${t},NOBODY-${t},active`,
      `${student},${student},active`,
      `P1-${t},K-${t},deleted`,
      `P2-${t},${student},pending`,
    ]);

    const posted = await sis.postFiles([users, links], "?import_type=instructure_csv");
    expect(posted.status).toBe(200);
    expect(posted.json).toMatchObject({ dry_run: false, skip_deletes: false, total_rows: 9 });
    expect(["created", "importing", "imported_with_messages"]).toContain(posted.json.workflow_state);

    const done = await sis.finished(posted.json.id);
    expect(done).toMatchObject({ workflow_state: "imported_with_messages", progress: 100 });
    expect(sisImportJsonSchema.safeParse(done).error).toBeUndefined(); // the documented shape
    expect(done.data.import_type).toBe("instructure_csv");
    expect(done.data.supplied_batches.sort()).toEqual(["user_observers", "users"]);
    expect(done.data.counts).toMatchObject({ users: 2, created: 2, linked: 2, warning_count: 5 });
    expect(done.user).toEqual({ id: w.admin.id, name: w.admin.name });
    const messages = [
      `An observer referenced a non-existent user GHOST-${t}`,
      `A student referenced a non-existent user NOBODY-${t}`,
      `Can't observe yourself user ${student}`,
      `Can't delete a non-existent observer for observer: P1-${t}, student: K-${t}`,
      `Improper status "pending" for a user_observer`,
    ];
    expect(done.processing_warnings.map((m: string[]) => m[1]).sort()).toEqual([...messages].sort());
    expect(done.processing_warnings.every((m: string[]) => m[0] === "user_observers.csv")).toBe(true);
    const url = `http://${w.domain}/api/v1/accounts/${w.root.id}/sis_imports/${done.id}/errors_attachment`;
    expect(done.errors_attachment).toMatchObject({ "content-type": "text/csv", url });

    // The links, as any Canvas script finds them.
    expect(await observeeIds(w, `sis_user_id:P1-${t}`)).toEqual([w.student.id]);
    expect(await observeeIds(w, `sis_user_id:P2-${t}`)).toEqual([w.student.id]);

    // Logins: P1 signs in with the file's password; P2 (no password, an email) is sent a setup link.
    const p1 = await db.login.findFirstOrThrow({
      where: { rootAccountId: w.root.id, sisUserId: `P1-${t}` },
      select: { uniqueId: true, passwordHash: true },
    });
    expect(p1.uniqueId).toBe(`pat.${t}@home.test`);
    expect(await verifyPassword(p1.passwordHash, `Sesame-${t}-pass`)).toBe(true);
    const mail = await db.outboxEmail.findMany({
      where: {
        to: { in: [`pat.${t}@home.test`, `lee.${t}@home.test`] },
        subject: { contains: "account is ready" },
      },
      select: { to: true, rootAccountId: true },
    });
    expect(mail).toEqual([{ to: `lee.${t}@home.test`, rootAccountId: w.root.id }]);

    // The errors, as Canvas's SIS Import Errors API and the attachment give them.
    const errors = await sis.errors(done.id, "?per_page=2");
    expect(errors.status).toBe(200);
    expect(errors.json.sis_import_errors).toEqual([
      { sis_import_id: done.id, file: "user_observers.csv", message: messages[0], row: 4 },
      { sis_import_id: done.id, file: "user_observers.csv", message: messages[1], row: 5 },
    ]);
    expect(errors.headers.get("link")).toContain('rel="next"');
    const all = await sis.errors(done.id, "?per_page=100");
    expect(all.json.sis_import_errors.map((e: { row: number }) => e.row).sort()).toEqual([4, 5, 6, 7, 8]);
    const file = await sis.attachment(done.id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/csv");
    expect(file.headers.get("content-disposition")).toContain(`sis_errors_attachment_${done.id}.csv`);
    const lines = file.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe("sis_import_id,file,message,row");
    expect(lines).toHaveLength(6);
    expect(file.text).toContain(
      `${done.id},user_observers.csv,An observer referenced a non-existent user GHOST-${t},4`,
    );

    // The same import by numeric account id, and in the school's list.
    const byId = await sisClient(w, w.admin.token, String(w.root.id)).get(done.id);
    expect(byId.json.id).toBe(done.id);
    const list = await sis.list();
    expect(list.json.sis_imports.map((i: { id: number }) => i.id)).toContain(done.id);
  });

  it("a zip, then raw text/csv bodies: status deleted unlinks, skip_deletes skips it", async () => {
    const w = await world();
    const sis = sisClient(w);
    const t = uid();
    const student = await sisIdOf(w.student.id);
    const { zipSync } = await import("fflate");
    const enc = (lines: string[]) => new TextEncoder().encode(lines.join("\n") + "\n");
    const zip = zipSync({
      "sis/users.csv": enc([
        "user_id,login_id,full_name,status",
        `P3-${t},kim.${t}@home.test,Kim Guardian,active`,
      ]),
      "sis/user_observers.csv": enc([OBSERVERS_HEADER, `P3-${t},${student},active`]),
    });
    const zipped = await sis.postFiles([new File([zip], "sis.zip", { type: "application/zip" })]);
    expect(zipped.status).toBe(200);
    const first = await sis.finished(zipped.json.id);
    expect(first.workflow_state).toBe("imported");
    // Zip members keep their folder (issue 17): two folders' users.csv stay told apart.
    expect(first.files.map((f: { name: string }) => f.name)).toEqual([
      "sis/users.csv",
      "sis/user_observers.csv",
    ]);
    expect(await observeeIds(w, `sis_user_id:P3-${t}`)).toEqual([w.student.id]);
    const enrolled = () =>
      db.enrollment.count({
        where: {
          user: { logins: { some: { sisUserId: `P3-${t}` } } },
          type: "observer",
          workflowState: "active",
        },
      });
    expect(await enrolled()).toBe(1);

    const remove = enc([OBSERVERS_HEADER, `P3-${t},${student},deleted`]);
    const skipped = await sis.postRaw(remove, "text/csv", "?extension=csv&skip_deletes=true");
    expect(skipped.status).toBe(200);
    expect(skipped.json.skip_deletes).toBe(true);
    const kept = await sis.finished(skipped.json.id);
    expect(kept.workflow_state).toBe("imported");
    expect(kept.files).toEqual([{ name: "sis_import.csv", kind: "user_observers", rows: 1 }]);
    expect(kept.data.counts).toMatchObject({ skipped: 1, removed: 0 });
    expect(await observeeIds(w, `sis_user_id:P3-${t}`)).toEqual([w.student.id]);

    const unlinked = await sis.postRaw(remove, "text/csv; charset=utf-8", "?extension=csv&batch_mode=1");
    expect(unlinked.status).toBe(200);
    expect((await sis.finished(unlinked.json.id)).data.counts).toMatchObject({ removed: 1 });
    expect(await observeeIds(w, `sis_user_id:P3-${t}`)).toEqual([]);
    expect(await enrolled()).toBe(0);

    // A raw zip body without `extension` (Canvas infers it from the Content-Type) restores the link.
    const again = zipSync({ "user_observers.csv": enc([OBSERVERS_HEADER, `P3-${t},${student},active`]) });
    const restored = await sis.postRaw(again, "application/zip");
    expect(restored.status).toBe(200);
    expect((await sis.finished(restored.json.id)).data.counts).toMatchObject({ linked: 1 });
    expect(await observeeIds(w, `sis_user_id:P3-${t}`)).toEqual([w.student.id]);
    expect(await enrolled()).toBe(1);
    const audits = await db.auditEvent.findMany({
      where: { subjectId: w.student.id, method: "sis" },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.action)).toEqual(["link.created", "link.removed", "link.restored"]);
  });
});
