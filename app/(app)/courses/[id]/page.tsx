import type { Metadata } from "next";
import { requireActor } from "@/lib/session";
import { idOr404, or404 } from "../../page-helpers";
import { getCourseRoster } from "@/lib/admin/courses";
import { MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { GenerateCode } from "@/components/pairing/generate-code";
import { Page } from "@/components/ui/page";
import { generateCodeAction } from "../../code-actions";

export const metadata: Metadata = { title: "Course pairing codes" };

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const course = await or404(getCourseRoster(actor, idOr404((await params).id)));
  return (
    <Page title={`${course.name}: pairing codes`} back={{ href: "/courses", label: "Courses" }} compact>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-slate-700">
          The CSV file has a new code for every student (columns Last Name, First Name, SIS ID, Pairing Code,
          Expires At). Each student keeps at most {MAX_ACTIVE_CODES} active codes: downloading again revokes
          the oldest ones.
        </p>
        <form method="post" action={`/courses/${course.id}/pairing-codes.csv`}>
          <button
            type="submit"
            className="mt-3 inline-block rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
          >
            Download all students&apos; pairing codes (CSV)
          </button>
        </form>
      </div>
      {course.students.length === 0 ? (
        <p className="text-slate-700">This course has no active students.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Students">
          {course.students.map((s) => (
            <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">
                {s.name}
                {s.sisUserId && (
                  <span className="ml-2 text-sm font-normal text-slate-700">SIS id {s.sisUserId}</span>
                )}
              </h2>
              <div className="mt-2">
                <GenerateCode
                  action={generateCodeAction}
                  studentId={s.id}
                  forName={s.name}
                  label={`Generate code for ${s.name}`}
                  printable
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
