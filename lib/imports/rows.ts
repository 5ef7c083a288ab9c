// A staged row and the cells of a data row it is read from (formats.ts, enrollment-rows.ts). Pure.

/** One staged row (see SisImportRow). */
export type StagedRow = {
  kind: "user" | "user_observer" | "enrollment" | "family";
  row: number;
  status?: string | null;
  sisUserId?: string | null;
  loginId?: string | null;
  name?: string | null;
  sortableName?: string | null;
  shortName?: string | null;
  email?: string | null;
  password?: string | null;
  observerRef?: string | null;
  studentRef?: string | null;
  studentRefType?: "sis" | "login" | null;
  relationship?: string | null;
  /** An enrollments.csv row's course_id (the course's SIS id). */
  courseRef?: string | null;
  /** The row says a student observing another student is intended. */
  confirmStudentObserver?: boolean;
  /** Set when the row is refused before it is applied. */
  message?: string | null;
};

/** A data row keyed by its lower-cased header names. */
export type Record_ = Record<string, string | undefined>;
export const val = (r: Record_, key: string) => {
  const v = r[key]?.trim();
  return v ? v : null;
};
const TRUE = new Set(["true", "yes", "1", "y"]);
export const yes = (r: Record_, key: string) => TRUE.has(val(r, key)?.toLowerCase() ?? "");
