// Wording for what is done to a bulk import as a whole (its link events are worded as any link's).
import type { AuditAction } from "./events.ts";
import { field, someone, text, type Wording } from "./words-parts.ts";

const count = (data: unknown, key: string) => {
  const v = field(data, key);
  return typeof v === "number" ? v : 0;
};
const links = (n: number) => `${n} ${n === 1 ? "link" : "links"}`;

export const IMPORT_WORDS: Partial<Record<AuditAction, Wording>> = {
  "sis_import.undone": {
    label: "Import undone",
    describe: (e) => {
      const skipped = count(e.data, "skipped");
      return (
        `${someone(e.actor)} undid import ${text(e.data, "sisImportId") ?? ""}: ` +
        `${links(count(e.data, "removed"))} removed, ${links(count(e.data, "restored"))} restored` +
        (skipped ? `, ${links(skipped)} left as changed since` : "")
      );
    },
  },
};
