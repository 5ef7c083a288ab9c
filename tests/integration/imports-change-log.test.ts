// Issue 17 §6: what an import did, change by change — links created, restored and removed, accounts
// made, emails queued — with names, SIS ids, logins, and the file and row of each; keyset pages,
// a filter by kind, and a streamed, spreadsheet-safe CSV; only the school's own admins read it.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { pool } from "../../lib/platform/db.ts";
import {
  EVENTS_PAGE_SQL,
  importChangeCounts,
  importChangesCsv,
  listImportChanges,
  type ImportChangeJson,
} from "../../lib/imports/change-log.ts";
import { actorFor, makeAdmin, makeRootAccount, makeUser } from "../helpers/factory.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

type School = Awaited<ReturnType<typeof importSchool>>;

async function allPages(s: School, importId: number, perPage: number) {
  const seen: ImportChangeJson[] = [];
  let after: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await listImportChanges(s.adminActor, {
      accountId: s.account.id,
      importId,
      per_page: perPage,
      after,
    });
    seen.push(...page.items);
    if (!page.next) return seen;
    after = page.next;
  }
  throw new Error("the pages never ended");
}

describe("an import's change log", () => {
  it("lists each change with who, SIS ids, logins, file and row; pages by keyset; filters; CSV", async () => {
    const s = await importSchool({ students: 3 });
    const [k0, k1] = s.students;
    const ola = await makeUser(s.account.id, {
      name: `Ola Existing ${s.tag}`,
      login: `ola.${s.tag}@home.test`,
      sisUserId: `G-${s.tag}`,
    });
    const pat = `pat.${s.tag}@home.test`;
    const first = await importNow(s, [
      csvFile("families.csv", [
        "student_sis_id,guardian_email,guardian_name,relationship",
        `${k0.sis},${pat},+Pat Parent,mother`,
        `${k1.sis},${pat},+Pat Parent,mother`,
        `${k0.sis},${ola.login},Ola Existing ${s.tag},father`,
        `nobody-${s.tag},sam.${s.tag}@home.test,Sam,father`,
      ]),
    ]);
    const ref = { accountId: s.account.id, importId: first.id };

    const counts = await importChangeCounts(s.adminActor, ref);
    expect(counts).toEqual({
      link_created: 3,
      link_restored: 0,
      link_removed: 0,
      course_link_created: 0,
      course_link_removed: 0,
      account_created: 1,
      // Pat's setup email, Ola's notice, and each student's (Kid0 once, naming both).
      email_queued: 4,
    });

    const all = await allPages(s, first.id, 50);
    expect(all).toHaveLength(8);
    const links = all.filter((c) => c.kind === "link_created");
    expect(
      links.map((c) => [c.observer?.name, c.student?.name, c.student?.sis_user_id, c.file, c.row]).sort(),
    ).toEqual(
      [
        ["+Pat Parent", k0.name, k0.sis, "families.csv", 2],
        ["+Pat Parent", k1.name, k1.sis, "families.csv", 3],
        [ola.name, k0.name, k0.sis, "families.csv", 4],
      ].sort(),
    );
    expect(links.find((c) => c.observer?.id === ola.id)?.observer).toMatchObject({
      sis_user_id: `G-${s.tag}`,
      login_id: ola.login,
    });
    const account = all.find((c) => c.kind === "account_created")!;
    expect(account.account).toMatchObject({ name: "+Pat Parent", login_id: pat });
    expect([account.file, account.row]).toEqual(["families.csv", 2]);
    const emails = all.filter((c) => c.kind === "email_queued").map((c) => c.email?.to);
    expect(emails).toEqual(expect.arrayContaining([pat, ola.login, k0.login, k1.login]));

    // Keyset pages of 2 walk the same log, in the same order, once each.
    expect((await allPages(s, first.id, 2)).map((c) => `${c.kind}.${c.id}`)).toEqual(
      all.map((c) => `${c.kind}.${c.id}`),
    );
    const only = await listImportChanges(s.adminActor, { ...ref, kind: "account_created" });
    expect(only).toEqual({ items: [account], next: null });
    await expect(listImportChanges(s.adminActor, { ...ref, after: "x; DROP" })).rejects.toMatchObject({
      code: "bad_request",
    });

    // The CSV: every change once, a name starting with + made plain text for a spreadsheet.
    let text = "";
    for await (const part of await importChangesCsv(s.adminActor, ref)) text += part;
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(8);
    const patRow = rows.find((r) => r.change === "link_created" && r.row === "3")!;
    expect(patRow).toMatchObject({
      sis_import_id: String(first.id),
      observer_name: "'+Pat Parent",
      observer_login: pat,
      student_name: k1.name,
      student_sis_id: k1.sis,
      file: "families.csv",
    });

    // Removed by a later import's status column, then restored by the next.
    const removal = await importNow(s, [
      csvFile("families.csv", [
        "student_sis_id,guardian_email,guardian_name,status",
        `${k0.sis},${ola.login},Ola Existing ${s.tag},deleted`,
      ]),
    ]);
    const removed = await allPages(s, removal.id, 50);
    expect(removed.map((c) => [c.kind, c.observer?.id, c.student?.id, c.file, c.row])).toEqual([
      ["link_removed", ola.id, k0.id, "families.csv", 2],
    ]);
    const back = await importNow(s, [
      csvFile("roster.csv", [
        "student_sis_id,guardian_email,guardian_name",
        `${k1.sis},${pat},+Pat Parent`,
        `${k0.sis},${ola.login},Ola Existing ${s.tag}`,
      ]),
    ]);
    const restored = (await allPages(s, back.id, 50)).filter((c) => c.kind !== "email_queued");
    expect(restored.map((c) => [c.kind, c.observer?.id, c.student?.id, c.file, c.row])).toEqual([
      ["link_restored", ola.id, k0.id, "roster.csv", 3],
    ]);
  });

  it("is the school's own admins' only; an import that changed nothing has an empty log", async () => {
    const s = await importSchool({ students: 1 });
    const done = await importNow(s, [
      csvFile("families.csv", [
        "student_sis_id,guardian_email,guardian_name",
        `${s.students[0].sis},x.${s.tag}@home.test,X`,
      ]),
    ]);
    const other = await makeRootAccount();
    const stranger = actorFor(await makeAdmin(other.id), other.id);
    // Their own school does not have it; ours is not one they can see.
    for (const [accountId, code] of [
      [other.id, "not_found"],
      [s.account.id, "not_found"],
    ] as const) {
      const ref = { accountId, importId: done.id };
      await expect(listImportChanges(stranger, ref)).rejects.toMatchObject({ code });
      await expect(importChangeCounts(stranger, ref)).rejects.toMatchObject({ code });
      await expect(importChangesCsv(stranger, ref)).rejects.toMatchObject({ code });
    }
    const empty = await importNow(s, [
      csvFile("families.csv", ["student_sis_id,guardian_email,guardian_name", `nobody,y@home.test,Y`]),
    ]);
    expect(await listImportChanges(s.adminActor, { accountId: s.account.id, importId: empty.id })).toEqual({
      items: [],
      next: null,
    });
  });

  it("reads a page of an import's events from their index, in order, without sorting", async () => {
    const client = await pool.connect();
    try {
      // Whatever the table's size here, the query's shape must match the index's (partial, on the
      // import id as text, action, id): with scans priced out, the plan names it and sorts nothing.
      await client.query("BEGIN");
      await client.query("SET LOCAL enable_seqscan = off");
      const plan = await client.query(`EXPLAIN ${EVENTS_PAGE_SQL}`, ["1", "link.created", 0, 51]);
      const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text).toContain("audit_events_sis_import_idx");
      expect(text).not.toContain("Sort");
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
