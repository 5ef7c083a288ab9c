// Issue 17: snapshots (Canvas's diffing_data_set_identifier): a pair the data set's previous import
// linked and this one omits is removed; change_threshold (default 10 %) stops a wipe.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

type School = Awaited<ReturnType<typeof importSchool>>;
const activeLinks = (s: School) =>
  db.observationLink.count({ where: { rootAccountId: s.account.id, workflowState: "active" } });

describe("snapshots", () => {
  it("a family roster snapshot: an omitted pair is removed, past change_threshold nothing is applied", async () => {
    const s = await importSchool({ students: 3 });
    const [a, b, c] = s.students;
    const HEADER = "student_sis_id,guardian_email,guardian_name";
    const pat = `pat.${s.tag}@home.test`;
    const lee = `lee.${s.tag}@home.test`;
    const full = [HEADER, `${a.sis},${pat},Pat`, `${b.sis},${pat},Pat`, `${c.sis},${lee},Lee`];
    const first = await importNow(s, [csvFile("families.csv", full)], { diffing: { dataSet: "families" } });
    expect(first.diffed_against_import_id).toBeNull();
    expect(await activeLinks(s)).toBe(3);

    const short = full.slice(0, 3);
    const refused = await importNow(s, [csvFile("families.csv", short)], {
      diffing: { dataSet: "families" },
    });
    expect(refused.workflow_state).toBe("failed_with_messages");
    expect(refused.processing_errors[0][1]).toMatch(
      /^This import would remove 1 of the 3 observer pairs in data set "families" \(33%\), more than its change_threshold of 10%: nothing was applied/,
    );
    expect(await activeLinks(s)).toBe(3);

    const allowed = await importNow(s, [csvFile("families.csv", short)], {
      diffing: { dataSet: "families", changeThreshold: 50 },
    });
    expect(allowed.workflow_state).toBe("imported");
    expect(allowed.diffed_against_import_id).toBe(first.id);
    expect(allowed.data.counts).toMatchObject({ removed: 1, unchanged: 2 });
    expect(await activeLinks(s)).toBe(2);
    const leeId = (
      await db.login.findFirstOrThrow({ where: { uniqueIdNormalized: lee }, select: { userId: true } })
    ).userId;
    expect(
      await db.enrollment.count({ where: { userId: leeId, type: "observer", workflowState: "active" } }),
    ).toBe(0);

    // The same snapshot again changes nothing; another data set is not compared with this one.
    const again = await importNow(s, [csvFile("families.csv", short)], { diffing: { dataSet: "families" } });
    expect(again.data.counts).toMatchObject({ removed: 0, unchanged: 2 });
    const other = await importNow(s, [csvFile("families.csv", [HEADER, `${c.sis},${lee},Lee`])], {
      diffing: { dataSet: "other" },
    });
    expect(other.data.counts).toMatchObject({ linked: 1, removed: 0 });
    expect(await activeLinks(s)).toBe(3);
  });

  it("user_observers.csv: 1 of 10 removed under the default threshold; remaster removes nothing", async () => {
    const s = await importSchool({ students: 10 });
    const t = s.tag;
    const users = csvFile("users.csv", [
      "user_id,login_id,full_name,status",
      `P1-${t},p1.${t}@home.test,Pat,active`,
    ]);
    const pairs = s.students.map((k) => `P1-${t},${k.sis},active`);
    const obs = (rows: string[]) => csvFile("user_observers.csv", ["observer_id,student_id,status", ...rows]);
    await importNow(s, [users, obs(pairs)], { diffing: { dataSet: "sis" } });
    expect(await activeLinks(s)).toBe(10);
    const next = await importNow(s, [users, obs(pairs.slice(1))], { diffing: { dataSet: "sis" } });
    expect(next.workflow_state).toBe("imported");
    expect(next.data.counts).toMatchObject({ removed: 1 });
    expect(await activeLinks(s)).toBe(9);
    const remaster = await importNow(s, [users, obs(pairs.slice(1, 2))], {
      diffing: { dataSet: "sis", remaster: true },
    });
    expect(remaster.data.counts).toMatchObject({ removed: 0 });
    expect(await activeLinks(s)).toBe(9);
  });
});
