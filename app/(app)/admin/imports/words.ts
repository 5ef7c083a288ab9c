// An import's state and counts in words, for its page, its live status and the history list
// (shared by server and client components, so nothing here reaches the server).
import type { SisImportJson } from "@/lib/imports/json";

/** What the page's poller needs of an import (GET /admin/imports/:id/status answers this). */
export type ImportStatus = {
  id: number;
  progress: number;
  workflow_state: string;
  dry_run: boolean;
  import_type: string;
  counts: SisImportJson["data"]["counts"];
};

export function toImportStatus(i: SisImportJson): ImportStatus {
  return {
    id: i.id,
    progress: i.progress,
    workflow_state: i.workflow_state,
    dry_run: i.dry_run,
    import_type: i.data.import_type,
    counts: i.data.counts,
  };
}

export const isRunning = (state: string) => state === "created" || state === "importing";

/** A finished dry run not yet run for real can be, once. */
export const canRunForReal = (i: { dry_run: boolean; workflow_state: string; real_run_id: number | null }) =>
  i.dry_run &&
  i.real_run_id === null &&
  (i.workflow_state === "imported" || i.workflow_state === "imported_with_messages");

const STATE_WORDS: Record<string, string> = {
  created: "Waiting to start",
  importing: "Importing",
  imported: "Done",
  imported_with_messages: "Done, with errors in some rows",
  failed: "Failed",
  failed_with_messages: "Failed",
  aborted: "Stopped",
};

export const stateWords = (state: string) => STATE_WORDS[state] ?? state;

export const FILE_KIND_WORDS: Record<string, string> = {
  family_roster: "family roster",
  users: "Canvas users.csv",
  user_observers: "Canvas user_observers.csv",
  enrollments: "Canvas enrollments.csv (observer rows)",
  oneroster_users: "OneRoster users.csv",
};

export const number = (n: number) => n.toLocaleString("en-US");
const count = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;

/**
 * "Would create 812 guardian accounts, link 1,000 families, leave 0 unchanged; 12 errors" (a dry
 * run), "Created 812 guardian accounts, linked 1,000 families, 0 unchanged; 12 errors" (a run).
 * A family row whose guardian is new counts as `created` and is linked too, so the families
 * linked are created + linked.
 */
export function countWords(
  s: Pick<ImportStatus, "dry_run" | "import_type" | "counts">,
  /** For what a dry run found, said another way ("This will"). */
  future = "Would",
): string {
  const c = s.counts;
  const verb = (base: string, past: string) => (s.dry_run ? base : past);
  const families = s.import_type === "family_roster" || s.import_type === "oneroster";
  const parts = families
    ? [
        `${verb("create", "created")} ${count(c.created, "guardian account", "guardian accounts")}`,
        `${verb("link", "linked")} ${count(c.created + c.linked, "family", "families")}`,
      ]
    : [
        `${verb("create", "created")} ${count(c.created, "user", "users")}`,
        `${verb("update", "updated")} ${count(c.updated, "user", "users")}`,
        `${verb("link", "linked")} ${count(c.linked, "observer", "observers")}`,
      ];
  if (c.removed) parts.push(`${verb("remove", "removed")} ${count(c.removed, "link", "links")}`);
  if (c.skipped) parts.push(`${verb("skip", "skipped")} ${count(c.skipped, "row", "rows")}`);
  parts.push(s.dry_run ? `leave ${number(c.unchanged)} unchanged` : `${number(c.unchanged)} unchanged`);
  const text = parts.join(", ");
  const errors = count(c.error_count + c.warning_count, "error", "errors");
  return `${s.dry_run ? `${future} ${text}` : text.charAt(0).toUpperCase() + text.slice(1)}; ${errors}.`;
}

/** A finished import's outcome in one line (a failed one applied nothing). */
export function resultWords(s: ImportStatus): string {
  const errors = s.counts.error_count + s.counts.warning_count;
  if (s.workflow_state.startsWith("failed"))
    return `Nothing was imported; ${count(errors, "error", "errors")}.`;
  return countWords(s);
}
