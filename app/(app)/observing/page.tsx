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
import { getFormatter, getTranslations } from "next-intl/server";
import { DATE_TIME_WITH_ZONE } from "@/components/format";
import { ClientMessages } from "@/components/client-messages";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Notice } from "@/components/ui/notice";
import { RowList } from "@/components/ui/row-list";
import { Section } from "@/components/ui/section";
import { Page } from "@/components/ui/page";
import { AddStudentForm } from "./add-student-form";
import { requestCourseAction, unlinkStudentAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Meta"))("observing") };
}

const CODE_FAILED = { invalid: "codeFailedInvalid", throttled: "codeFailedThrottled" } as const;

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
  const [requests, t] = await Promise.all([
    observerRequestStates(
      actor,
      students.filter((s) => !s.allCourses).map((s) => s.id),
    ),
    getTranslations("Observing"),
  ]);
  const failed = code_failed === "throttled" || code_failed === "invalid" ? CODE_FAILED[code_failed] : null;
  return (
    <Page title={t("title")}>
      {notice && (
        <Notice tone={notice.tone}>
          {notice.kind === "added" ? t("added", { name: notice.name }) : t("removed", { name: notice.name })}
        </Notice>
      )}
      {failed && <Notice tone="error">{t(failed)}</Notice>}
      <Section id="students" title={t("students")}>
        <RowList
          label={t("students")}
          empty={summary.mayObserve ? t("emptyMayObserve") : t("empty")}
          items={students}
          roomy
        >
          {(s) => (
            <>
              <div>
                <p className="text-lg font-semibold">{s.name}</p>
                <p className="text-sm text-slate-700">{s.allCourses ? t("allCourses") : t("someCourses")}</p>
                <ObservedCourses student={s} />
              </div>
              {s.allCourses ? (
                <ClientMessages namespaces={[]}>
                  <ConfirmAction
                    action={unlinkStudentAction}
                    fields={{ student_id: s.id }}
                    trigger={t("unlink")}
                    subject={s.name}
                    title={t("unlinkTitle", { name: s.name })}
                    description={t("unlinkDescription")}
                    confirm={t("unlink")}
                  />
                </ClientMessages>
              ) : (
                <AskForCourse student={s} state={requests.get(s.id)} />
              )}
            </>
          )}
        </RowList>
      </Section>
      <Section id="contact" title={t("contact", { school: school.name })}>
        <p className="text-slate-800">{school.observerContact ?? t("contactFallback")}</p>
      </Section>
      {summary.mayObserve && (
        <Section id="add" title={t("add")}>
          {/* A new key after each link or unlink: the form starts afresh, without a stale error. */}
          <ClientMessages namespaces={["Observing"]}>
            <AddStudentForm key={`${added ?? ""}-${removed ?? ""}`} />
          </ClientMessages>
        </Section>
      )}
    </Page>
  );
}

async function ObservedCourses({ student }: { student: ObservedStudent }) {
  const t = await getTranslations("Observing");
  if (student.courses.length === 0) return <p className="text-sm text-slate-700">{t("noCourses")}</p>;
  return (
    <ul aria-label={t("coursesOf", { name: student.name })} className="mt-2 flex flex-col gap-1">
      {student.courses.map((c) => (
        <li key={c.id} className="text-sm text-slate-800">
          <span className="font-medium">{c.name}</span>
          {c.teachers.length > 0 && (
            <span className="text-slate-700"> · {t("taughtBy", { teachers: c.teachers.join(", ") })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Where the observer sees a student in some courses only: ask the school for another. */
async function AskForCourse({ student, state }: { student: ObservedStudent; state?: RequestState }) {
  const [t, format] = await Promise.all([getTranslations("Observing"), getFormatter()]);
  if (!state || state.otherCourses === 0)
    return <p className="max-w-64 text-sm text-slate-700">{t("everyCourse")}</p>;
  if (state.pendingSince) {
    // In the viewer's zone (i18n/request.ts), named, as components/format.ts writes times.
    const when = format.dateTime(new Date(state.pendingSince), DATE_TIME_WITH_ZONE);
    return (
      <p className="max-w-64 text-sm text-slate-700">
        {t("requestPendingSince", { when, name: student.name })}
      </p>
    );
  }
  return (
    <div className="max-w-sm">
      <ClientMessages namespaces={["Observing"]}>
        <RequestCourseForm
          studentId={student.id}
          studentName={student.name}
          noteMax={REQUEST_NOTE_MAX}
          action={requestCourseAction}
        />
      </ClientMessages>
    </div>
  );
}
