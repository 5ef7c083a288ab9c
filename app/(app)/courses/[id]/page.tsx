import type { Metadata } from "next";
import { requireActor } from "@/lib/session";
import { idOr404, or404 } from "../../page-helpers";
import { getCourseRoster } from "@/lib/admin/courses";
import { MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { GenerateCode } from "@/components/pairing/generate-code";
import { Page } from "@/components/ui/page";
import { CourseCodes } from "@/components/pairing/course-slips";
import { courseSlipsAction, generateCodeAction } from "../../code-actions";
import { viewerTimeZone } from "../../time-zone";

export const metadata: Metadata = { title: "Course pairing codes" };

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const course = await or404(getCourseRoster(actor, idOr404((await params).id)));
  const timeZone = await viewerTimeZone();
  return (
    <Page title={`${course.name}: pairing codes`} back={{ href: "/courses", label: "Courses" }} compact>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="mb-3 text-slate-700">
          A new code for every student: as slips to print and send home (one page each, with the registration
          address, a QR code and instructions), or as a CSV file (columns Last Name, First Name, SIS ID,
          Pairing Code, Expires At). Each student keeps at most {MAX_ACTIVE_CODES} active codes.
        </p>
        <CourseCodes
          courseId={course.id}
          csvUrl={`/courses/${course.id}/pairing-codes.csv`}
          limit={MAX_ACTIVE_CODES}
          action={courseSlipsAction}
          timeZone={timeZone}
        />
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
                  timeZone={timeZone}
                  limit={MAX_ACTIVE_CODES}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
