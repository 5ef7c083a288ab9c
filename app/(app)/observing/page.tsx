import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import { getHomeSummary } from "@/lib/admin/home";
import { linkChangeNotice, listObserveesWithCourses } from "@/lib/observer-links";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Notice } from "@/components/ui/notice";
import { RowList } from "@/components/ui/row-list";
import { Section } from "@/components/ui/section";
import { Page } from "@/components/ui/page";
import { AddStudentForm } from "./add-student-form";
import { unlinkStudentAction } from "./actions";

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
  const [students, summary, notice] = await Promise.all([
    listObserveesWithCourses(actor, { observerId: actor.userId }),
    getHomeSummary(actor),
    linkChangeNotice(actor, { added: Number(added) || undefined, removed: Number(removed) || undefined }),
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
                {s.courses.length === 0 ? (
                  <p className="text-sm text-slate-700">No courses yet.</p>
                ) : (
                  <ul aria-label={`Courses of ${s.name}`} className="mt-1 flex flex-wrap gap-2">
                    {s.courses.map((c) => (
                      <li key={c.id} className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800">
                        {c.name}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <ConfirmAction
                action={unlinkStudentAction}
                fields={{ student_id: s.id }}
                trigger="Unlink"
                subject={s.name}
                title={`Stop observing ${s.name}?`}
                description="You will no longer see their courses. To observe them again you will need a new pairing code from them or your school."
                confirm="Unlink"
              />
            </>
          )}
        </RowList>
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
