// The file formats an import accepts, recognised by their header row as Canvas does, and each
// data row normalised into one staged row (or a message about why it cannot be). Pure: no I/O.

import { enrollmentRow } from "./enrollment-rows.ts";
import type { FileKind } from "./headers.ts";
import type { OneRosterContext } from "./oneroster.ts";
import { val, yes, type Record_, type StagedRow } from "./rows.ts";

export type { FileKind, StagedRow };
export type ImportType = "instructure_csv" | "family_roster" | "oneroster";

/** Applied in this order within an import (users before the links that name them). */
export const KIND_ORDER: FileKind[] = [
  "users",
  "user_observers",
  "enrollments",
  "family_roster",
  "oneroster_users",
];

export const IMPORT_TYPE_OF: Record<FileKind, ImportType> = {
  users: "instructure_csv",
  user_observers: "instructure_csv",
  enrollments: "instructure_csv",
  family_roster: "family_roster",
  oneroster_users: "oneroster",
};

export { detectDelimiter, detectKind, missingColumns } from "./headers.ts";

// Deliberately simple: one @, something on each side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (s: string) => s.length <= 254 && EMAIL.test(s);

/** Canvas's users.csv row. */
function userRow(r: Record_, row: number): StagedRow {
  const first = val(r, "first_name");
  const last = val(r, "last_name");
  const name = val(r, "full_name") ?? ([first, last].filter(Boolean).join(" ") || null);
  const sortable = val(r, "sortable_name") ?? (last && first ? `${last}, ${first}` : null);
  const out: StagedRow = {
    kind: "user",
    row,
    sisUserId: val(r, "user_id"),
    loginId: val(r, "login_id"),
    status: val(r, "status")?.toLowerCase() ?? null,
    name,
    sortableName: sortable,
    shortName: val(r, "short_name"),
    email: val(r, "email"),
    password: val(r, "password"),
  };
  if (!out.sisUserId) out.message = "No user_id given for user";
  else if (!out.loginId) out.message = `No login_id given for user ${out.sisUserId}`;
  else if (!["active", "suspended", "deleted"].includes(out.status ?? ""))
    out.message = `Improper status "${val(r, "status") ?? ""}" for user ${out.sisUserId}, skipping`;
  else if (out.email && !isEmail(out.email))
    out.message = `The email address associated with user '${out.sisUserId}' is invalid (email: '${out.email}')`;
  else if (!out.name && out.status !== "deleted") out.name = out.loginId;
  return out;
}

/** Canvas's user_observers.csv row. */
function userObserverRow(r: Record_, row: number): StagedRow {
  const status = val(r, "status");
  const out: StagedRow = {
    kind: "user_observer",
    row,
    observerRef: val(r, "observer_id"),
    studentRef: val(r, "student_id"),
    studentRefType: "sis",
    status: status?.toLowerCase() ?? null,
    confirmStudentObserver: yes(r, "confirm_student_observer"),
  };
  if (!out.observerRef) out.message = "No observer_id given for user_observer";
  else if (!out.studentRef) out.message = "No student_id given for user_observer";
  else if (!["active", "deleted"].includes(out.status ?? ""))
    out.message = `Improper status "${status ?? ""}" for a user_observer`;
  return out;
}

/** The family roster: one student–guardian pair per row; `status` deleted removes the pair. */
function familyRow(r: Record_, row: number): StagedRow {
  const sis = val(r, "student_sis_id");
  const email = val(r, "guardian_email");
  const status = val(r, "status");
  const out: StagedRow = {
    kind: "family",
    row,
    status: status?.toLowerCase() ?? "active",
    studentRef: sis ?? val(r, "student_login"),
    studentRefType: sis ? "sis" : "login",
    email,
    loginId: email,
    name: val(r, "guardian_name"),
    sisUserId: val(r, "guardian_sis_id"),
    relationship: val(r, "relationship"),
    confirmStudentObserver: yes(r, "confirm_student_observer"),
  };
  out.message = familyProblem(out);
  if (!out.message && !["active", "deleted"].includes(out.status!))
    out.message = `Improper status "${status}" for a family row (active or deleted)`;
  return out;
}

// A guardian's name may be absent: a new account is then named by its email (apply-family.ts),
// an existing one keeps its name.
function familyProblem(r: StagedRow): string | null {
  if (!r.studentRef) return "No student_sis_id or student_login given";
  if (!r.email) return `No guardian_email given for student ${r.studentRef}`;
  if (!isEmail(r.email)) return `The guardian email "${r.email}" is not a valid email address`;
  return null;
}

const GUARDIAN_ROLES = new Set(["parent", "guardian", "relative"]);

/**
 * OneRoster 1.1 users.csv: a parent/guardian/relative row becomes one family row per student it
 * names in agentSourcedIds or whose own row names it there (a first pass reads those: stage.ts),
 * each student by their SIS id here (their sourcedId, identifier or username). Other roles are
 * not ours to create: they are skipped (an empty list).
 */
function oneRosterRows(r: Record_, row: number, ctx?: OneRosterContext): StagedRow[] {
  const role = val(r, "role")?.toLowerCase();
  if (!role || !GUARDIAN_ROLES.has(role)) return [];
  const email = val(r, "email") ?? val(r, "username");
  const name = [val(r, "givenname"), val(r, "familyname")].filter(Boolean).join(" ") || null;
  const own = (val(r, "agentsourcedids") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Listed on the guardian's row or on the student's, named by the student's SIS id here.
  const listed = [...new Set([...own, ...(ctx?.studentsOf.get(val(r, "sourcedid") ?? "") ?? [])])];
  const students = listed.map((s) => ctx?.sisIdOf.get(s) ?? s);
  const base: StagedRow = {
    kind: "family",
    row,
    // A disabled guardian is not given an account or an email, and loses the links they had.
    status:
      val(r, "status")?.toLowerCase() === "tobedeleted" || val(r, "enableduser")?.toLowerCase() === "false"
        ? "deleted"
        : "active",
    email,
    loginId: email,
    name,
    sisUserId: val(r, "sourcedid"),
    relationship: role,
  };
  if (students.length === 0) return [{ ...base, message: `Guardian ${base.sisUserId} lists no students` }];
  return students.map((s) => {
    const out: StagedRow = { ...base, studentRef: s, studentRefType: "sis" };
    out.message = familyProblem(out);
    return out;
  });
}

/** A data row of a file of `kind` → the staged rows it stands for (none: skipped). */
export function normaliseRow(
  kind: FileKind,
  record: Record_,
  row: number,
  ctx?: OneRosterContext,
): StagedRow[] {
  const rows = rowsOf(kind, record, row, ctx);
  // U+FFFD is what a wrong conversion leaves behind, upstream of us: never stored as a name.
  if (Object.values(record).some((v) => v?.includes("\uFFFD")))
    for (const r of rows)
      r.message ??= `Row ${row} holds the character "\uFFFD", left by a wrong character-set conversion before the file reached us: correct the text at its source`;
  return rows;
}

function rowsOf(kind: FileKind, record: Record_, row: number, ctx?: OneRosterContext): StagedRow[] {
  switch (kind) {
    case "users":
      return [userRow(record, row)];
    case "user_observers":
      return [userObserverRow(record, row)];
    case "enrollments":
      return [enrollmentRow(record, row)];
    case "family_roster":
      return [familyRow(record, row)];
    case "oneroster_users":
      return oneRosterRows(record, row, ctx);
  }
}
