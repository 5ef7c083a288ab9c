// Scheduled syncs' events in words (lib/imports/schedules/).
import type { AuditAction } from "./events.ts";
import { field, someone, text, type Wording } from "./words-parts.ts";

const named = (e: { data: unknown }) => `“${text(e.data, "name") ?? "?"}”`;
const changes = (e: { data: unknown }) => {
  const list = field(e.data, "changes");
  return Array.isArray(list) && list.length ? ` (${list.join(", ")})` : "";
};

export const SYNC_WORDS: Partial<Record<AuditAction, Wording>> = {
  "sync.schedule_added": {
    label: "Scheduled sync added",
    describe: (e) => `${someone(e.actor)} added the scheduled sync ${named(e)}`,
  },
  "sync.schedule_changed": {
    label: "Scheduled sync changed",
    describe: (e) => `${someone(e.actor)} changed the scheduled sync ${named(e)}${changes(e)}`,
  },
  "sync.schedule_removed": {
    label: "Scheduled sync removed",
    describe: (e) => `${someone(e.actor)} removed the scheduled sync ${named(e)}`,
  },
  "sync.run_requested": {
    label: "Scheduled sync run",
    describe: (e) => `${someone(e.actor)} ran the scheduled sync ${named(e)} now`,
  },
};
