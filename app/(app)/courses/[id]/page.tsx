import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/session";
import { idOr404, or404 } from "../../page-helpers";
import { getCourseRoster } from "@/lib/admin/courses";
import { MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { GenerateCode } from "@/components/pairing/generate-code";
import { generateCodeAction } from "../../code-actions";

export const metadata: Metadata = { title: "Course pairing codes" };

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const course = await or404(getCourseRoster(actor, idOr404((await params).id)));
  return (
    <div className="flex flex-col gap-4">
      <div>
        <Link href="/courses" className="text-sm text-blue-800 underline underline-offset-4">
          ← Courses
        </Link>
        <h1 className="mt-2 text-3xl font-bold">{course.name}: pairing codes</h1>
      </div>
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
    </div>
  );
}
