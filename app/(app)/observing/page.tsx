import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import { getHomeSummary } from "@/lib/admin/home";
import { linkChangeNotice } from "@/lib/observer-links";
import {
  listObservedStudents,
  observerRequestStates,
  REQUEST_NOTE_MAX,
  type ObservedStudent,
  type RequestState,
} from "@/lib/courses";
import { RequestCourseForm } from "@/components/courses/request-course-form";
import { formatDateTime } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Notice } from "@/components/ui/notice";
import { RowList } from "@/components/ui/row-list";
import { Section } from "@/components/ui/section";
import { Page } from "@/components/ui/page";
import { viewerTimeZone } from "../time-zone";
import { AddStudentForm } from "./add-student-form";
import { requestCourseAction, unlinkStudentAction } from "./actions";

export const metadata: Metadata = { title: "Observing" };

const CODE_FAILED = {
  invalid:
    "You are signed in, but that pairing code could not be used: it may be mistyped, expired or already used. Ask your student for a new code and enter it below.",
  throttled:
    "You are signed in, but too many wrong codes were tried. Wait a few minutes, then enter the code below.",
};

export default async function ObservingPage({
  searchParams,
}: {
  searchParams: Promise<{ added?: string; removed?: string; code_failed?: string }>;
}) {
  const actor = await requireActor();
  const { added, removed, code_failed } = await searchParams;
  const [{ school, students }, summary, notice] = await Promise.all([
    listObservedStudents(actor),
    getHomeSummary(actor),
    linkChangeNotice(actor, { added: Number(added) || undefined, removed: Number(removed) || undefined }),
  ]);
  const [requests, timeZone] = await Promise.all([
    observerRequestStates(
      actor,
      students.filter((s) => !s.allCourses).map((s) => s.id),
    ),
    viewerTimeZone(),
  ]);
  const failed = code_failed === "throttled" || code_failed === "invalid" ? CODE_FAILED[code_failed] : null;
  return (
    <Page title="Observing">
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {failed && <Notice tone="error">{failed}</Notice>}
      <Section id="students" title="Students you observe">
        <RowList
          label="Students you observe"
          empty={
            summary.mayObserve
              ? "You are not observing any students yet. Enter a pairing code below to add one."
              : "You are not observing any students."
          }
          items={students}
          roomy
        >
          {(s) => (
            <>
              <div>
                <p className="text-lg font-semibold">{s.name}</p>
                <p className="text-sm text-slate-700">
                  {s.allCourses
                    ? "You observe all of their courses."
                    : "You observe them in these courses only."}
                </p>
                <ObservedCourses student={s} />
              </div>
              {s.allCourses ? (
                <ConfirmAction
                  action={unlinkStudentAction}
                  fields={{ student_id: s.id }}
                  trigger="Unlink"
                  subject={s.name}
                  title={`Stop observing ${s.name}?`}
                  description="You will no longer see their courses. To observe them again you will need a new pairing code from them or your school."
                  confirm="Unlink"
                />
              ) : (
                <AskForCourse student={s} state={requests.get(s.id)} timeZone={timeZone} />
              )}
            </>
          )}
        </RowList>
      </Section>
      <Section id="contact" title={`Contact ${school.name}`}>
        <p className="text-slate-800">
          {school.observerContact ?? "Ask your student's teachers, or the school's front office."}
        </p>
      </Section>
      {summary.mayObserve && (
        <Section id="add" title="Add a student">
          {/* A new key after each link or unlink: the form starts afresh, without a stale error. */}
          <AddStudentForm key={`${added ?? ""}-${removed ?? ""}`} />
        </Section>
      )}
    </Page>
  );
}

function ObservedCourses({ student }: { student: ObservedStudent }) {
  if (student.courses.length === 0) return <p className="text-sm text-slate-700">No courses yet.</p>;
  return (
    <ul aria-label={`Courses of ${student.name}`} className="mt-2 flex flex-col gap-1">
      {student.courses.map((c) => (
        <li key={c.id} className="text-sm text-slate-800">
          <span className="font-medium">{c.name}</span>
          {c.teachers.length > 0 && (
            <span className="text-slate-700"> · taught by {c.teachers.join(", ")}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Where the observer sees a student in some courses only: ask the school for another. */
function AskForCourse({
  student,
  state,
  timeZone,
}: {
  student: ObservedStudent;
  state?: RequestState;
  timeZone: string;
}) {
  if (!state || state.otherCourses === 0)
    return <p className="max-w-64 text-sm text-slate-700">You observe them in all of their courses.</p>;
  if (state.pendingSince)
    return (
      <p className="max-w-64 text-sm text-slate-700">
        Sent {formatDateTime(state.pendingSince, timeZone)}: you asked to observe {student.name} in another
        course. Your school will answer, and you will be told here and by email.
      </p>
    );
  return (
    <div className="max-w-sm">
      <RequestCourseForm
        studentId={student.id}
        studentName={student.name}
        noteMax={REQUEST_NOTE_MAX}
        action={requestCourseAction}
      />
    </div>
  );
}
