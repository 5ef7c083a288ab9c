// What a file's header row says: which format it is, which required columns a near miss lacks,
// and which character separates its columns. Pure: no I/O.
export type FileKind = "users" | "user_observers" | "enrollments" | "family_roster" | "oneroster_users";

/** What a file's header row says it is; null when no format matches. */
export function detectKind(headers: string[]): FileKind | null {
  const h = new Set(headers.map((x) => x.trim().toLowerCase()));
  const has = (...names: string[]) => names.every((n) => h.has(n.toLowerCase()));
  if (has("sourcedid", "role") && (h.has("agentsourcedids") || h.has("email"))) return "oneroster_users";
  if (has("guardian_email") && (h.has("student_sis_id") || h.has("student_login"))) return "family_roster";
  if (has("observer_id", "student_id", "status")) return "user_observers";
  if (has("course_id", "user_id", "role", "status")) return "enrollments";
  if (has("user_id", "login_id", "status")) return "users";
  return null;
}

// Columns many of Canvas's CSVs have (courses.csv, sections.csv…): alone they resemble nothing.
const SHARED = new Set(["status", "course_id"]);

/** Each format's required columns (one of a group of alternatives), to name what a near miss lacks. */
const REQUIRED: { label: string; columns: string[][] }[] = [
  { label: "Canvas users.csv", columns: [["user_id"], ["login_id"], ["status"]] },
  { label: "Canvas user_observers.csv", columns: [["observer_id"], ["student_id"], ["status"]] },
  { label: "Canvas enrollments.csv", columns: [["course_id"], ["user_id"], ["role"], ["status"]] },
  { label: "family roster", columns: [["guardian_email"], ["student_sis_id", "student_login"]] },
  { label: "OneRoster users.csv", columns: [["sourcedid"], ["role"], ["agentsourcedids", "email"]] },
];

/**
 * For a header no format matches: the format it comes closest to (most required columns present,
 * at least one that is not just `status` or `course_id`) and the columns it lacks; null when it resembles none.
 */
export function missingColumns(headers: string[]): { label: string; missing: string[] } | null {
  const h = new Set(headers.map((x) => x.trim().toLowerCase()));
  let best: { label: string; missing: string[]; found: number } | null = null;
  for (const f of REQUIRED) {
    const present = f.columns.filter((alts) => alts.some((c) => h.has(c)));
    const telling = present.filter((alts) => !SHARED.has(alts[0])).length;
    if (telling === 0 || (best && present.length <= best.found)) continue;
    const missing = f.columns.filter((alts) => !alts.some((c) => h.has(c))).map((alts) => alts.join(" or "));
    best = { label: f.label, missing, found: present.length };
  }
  return best && { label: best.label, missing: best.missing };
}

/** Which character separates a file's columns, read from its header line (Excel's exports vary). */
export function detectDelimiter(headerLine: string): "," | ";" | "\t" {
  const count = (c: string) => headerLine.split(c).length - 1;
  const [comma, semi, tab] = [count(","), count(";"), count("\t")];
  if (tab > comma && tab >= semi) return "\t";
  if (semi > comma) return ";";
  return ",";
}
