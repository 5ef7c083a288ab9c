// The imports pages' sentences about an import's outcome (app/(app)/admin/imports/words.ts).
import { describe, expect, it } from "vitest";
import { countWords, resultWords, type ImportStatus } from "../../app/(app)/admin/imports/words.ts";

const counts = (c: Partial<ImportStatus["counts"]>): ImportStatus["counts"] => ({
  users: 0,
  user_observers: 0,
  enrollments: 0,
  families: 0,
  created: 0,
  updated: 0,
  linked: 0,
  unchanged: 0,
  removed: 0,
  skipped: 0,
  error_count: 0,
  warning_count: 0,
  ...c,
});
const roster = (dry_run: boolean, c: Partial<ImportStatus["counts"]>, workflow_state = "imported") => ({
  id: 1,
  progress: 100,
  workflow_state,
  dry_run,
  import_type: "family_roster",
  counts: counts(c),
});

describe("import outcome in words", () => {
  it("a dry run says what would happen; new guardians' families count as linked", () => {
    const s = roster(true, { created: 812, linked: 188, warning_count: 11, error_count: 1 });
    expect(countWords(s)).toBe(
      "Would create 812 guardian accounts, link 1,000 families, leave 0 unchanged; 12 errors.",
    );
    expect(countWords(s, "This will")).toMatch(/^This will create 812 guardian accounts/);
  });

  it("a run says what happened, with the singular where it is one", () => {
    expect(countWords(roster(false, { created: 1, unchanged: 1000, warning_count: 1 }))).toBe(
      "Created 1 guardian account, linked 1 family, 1,000 unchanged; 1 error.",
    );
  });

  it("Canvas CSV imports count users and observers; removals and skips only when there are some", () => {
    const s = {
      ...roster(false, { created: 2, updated: 1, linked: 3, removed: 1 }),
      import_type: "instructure_csv",
    };
    expect(countWords(s)).toBe(
      "Created 2 users, updated 1 user, linked 3 observers, removed 1 link, 0 unchanged; 0 errors.",
    );
  });

  it("a failed import applied nothing", () => {
    expect(resultWords(roster(true, { error_count: 1 }, "failed_with_messages"))).toBe(
      "Nothing was imported; 1 error.",
    );
  });
});
