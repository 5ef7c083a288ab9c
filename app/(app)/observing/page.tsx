import type { Metadata } from "next";
import { requireActor } from "@/lib/session";
import { listObserveesWithCourses } from "@/lib/observer-links";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RowList } from "@/components/ui/row-list";
import { Section } from "@/components/ui/section";
import { Page } from "@/components/ui/page";
import { AddStudentForm } from "./add-student-form";
import { unlinkStudentAction } from "./actions";

export const metadata: Metadata = { title: "Observing" };

export default async function ObservingPage() {
  const actor = await requireActor();
  const students = await listObserveesWithCourses(actor, { observerId: actor.userId });
  return (
    <Page title="Observing">
      <Section id="students" title="Students you observe">
        <RowList
          label="Students you observe"
          empty="You are not observing any students yet. Enter a pairing code below to add one."
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
      <Section id="add" title="Add a student">
        <AddStudentForm />
      </Section>
    </Page>
  );
}
