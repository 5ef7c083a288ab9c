// Canvas's enrollments.csv rows as staged rows (formats.ts reads the other formats). Pure.
import { val, yes, type Record_, type StagedRow } from "./rows.ts";

const ENROLLMENT_STATES = ["active", "completed", "inactive", "deleted"];

/**
 * Canvas's enrollments.csv row. Only observer enrollments are ours: role observer with
 * associated_user_id, a course-level link (active, completed, inactive or deleted, as in Canvas).
 */
export function enrollmentRow(r: Record_, row: number): StagedRow {
  const status = val(r, "status");
  const role = val(r, "role")?.toLowerCase() ?? "";
  const out: StagedRow = {
    kind: "enrollment",
    row,
    courseRef: val(r, "course_id"),
    observerRef: val(r, "user_id"),
    studentRef: val(r, "associated_user_id"),
    studentRefType: "sis",
    status: status?.toLowerCase() ?? null,
    relationship: role,
    confirmStudentObserver: yes(r, "confirm_student_observer"),
  };
  if (!out.courseRef) out.message = "No course_id or section_id given for an enrollment";
  else if (!out.observerRef) out.message = "No user_id given for an enrollment";
  else if (role !== "observer")
    out.message = `Only observer enrollments are imported here (role observer with associated_user_id): the ${role || "unnamed"} role of user ${out.observerRef} in course ${out.courseRef} is skipped`;
  else if (!out.studentRef)
    out.message = `No associated_user_id given for the observer enrollment of user ${out.observerRef} in course ${out.courseRef}: name the student observed`;
  else if (!ENROLLMENT_STATES.includes(out.status ?? ""))
    out.message = `Improper status "${status ?? ""}" for an enrollment`;
  return out;
}
