import "server-only";
// Canvas's enrollments.csv, observer rows only: a course-level link (an observer enrollment in one
// course, associated to one student) created, completed, made inactive or deleted as the row's
// status says. Users and course are resolved here; the enrollments are set by lib/observer-links.
import { setCourseObserverStates, type CourseObserverState } from "../observer-links/course-sets.ts";
import { linkContext } from "./apply-links.ts";
import { refuseStudentObservers, resolveObserversBySis, resolveStudents } from "./apply-family.ts";
import { LIVE_ENROLLMENT_SQL, PENDING, refuse, run, type Batch } from "./batch.ts";

const E = PENDING("enrollment");

export async function applyEnrollments(b: Batch) {
  const root = [b.rootAccountId];
  await resolveStudents(b, "enrollment");
  await resolveObserversBySis(b, "enrollment");
  await run(
    b,
    `UPDATE sis_import_rows r SET course_id = c.id FROM courses c
      WHERE ${E} AND c.root_account_id = $4 AND c.sis_course_id = r.course_ref AND c.workflow_state <> 'deleted'`,
    root,
  );
  // Canvas's own messages where it has them, in its order.
  const refusals: [where: string, message: string][] = [
    [
      `r.course_id IS NULL`,
      `'Neither course nor section existed for user enrollment (Course ID: ' || r.course_ref || ', Section ID: , User ID: ' || r.observer_ref || ')'`,
    ],
    [
      `r.observer_user_id IS NULL`,
      `'User not found for enrollment (User ID: ' || r.observer_ref || ', Course ID: ' || r.course_ref || ', Section ID: , Role: observer)'`,
    ],
    [
      `r.student_user_id IS NULL`,
      `'An enrollment referenced a non-existent associated user ' || r.student_ref`,
    ],
    [`r.observer_user_id = r.student_user_id`, `'Can''t observe yourself user ' || r.student_ref`],
  ];
  for (const [where, message] of refusals) await refuse(b, "enrollment", where, message);
  // Making or restoring a link asks what the People page asks; ending one does not.
  await refuseStudentObservers(b, "enrollment", `'Observer ' || r.observer_ref`, `r.status = 'active'`);
  await refuse(
    b,
    "enrollment",
    `r.status = 'active' AND NOT EXISTS (
       SELECT 1 FROM enrollments e WHERE e.course_id = r.course_id AND e.user_id = r.student_user_id
          AND e.type = 'student' AND e.workflow_state IN ${LIVE_ENROLLMENT_SQL})`,
    `'User ' || r.student_ref || ' is not a student in course ' || r.course_ref || ', so ' || r.observer_ref || ' cannot observe them there'`,
  );
  const { rows } = await run(
    b,
    `SELECT r.seq, r.course_id, r.observer_user_id, r.student_user_id, r.status FROM sis_import_rows r WHERE ${E}`,
  );
  const changed = await setCourseObserverStates(
    linkContext(b),
    rows.map(
      (r: {
        seq: number;
        course_id: number;
        observer_user_id: number;
        student_user_id: number;
        status: string;
      }) => ({
        key: r.seq,
        courseId: r.course_id,
        observerId: r.observer_user_id,
        studentId: r.student_user_id,
        state: r.status as CourseObserverState,
      }),
    ),
  );
  // `linked` rows are told to the student at the end of the import, as any new link is.
  await run(
    b,
    `UPDATE sis_import_rows r
        SET outcome = CASE WHEN r.seq = ANY($4::int[]) THEN CASE r.status WHEN 'active' THEN 'linked' ELSE 'removed' END
                           ELSE 'unchanged' END
      WHERE ${E}`,
    [changed],
  );
}
