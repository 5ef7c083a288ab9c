import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/identity/session";
import { idOr404, listHref, listSummary, matching, or404, searchTerm } from "../../page-helpers";
import { getCourseRoster } from "@/lib/admin/courses";
import { pageRequest } from "@/lib/platform/pagination";
import { MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { GenerateCode } from "@/components/pairing/generate-code";
import type { Column } from "@/components/ui/data-table";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { SearchForm } from "@/components/ui/search-form";
import { CourseCodes } from "@/components/pairing/course-slips";
import { courseSlipsAction, generateCodeAction } from "../../code-actions";
import { viewerTimeZone } from "../../time-zone";

export const metadata: Metadata = { title: "Course pairing codes" };

const PER_PAGE = 20;

type Student = { id: number; name: string; sisUserId: string | null };

const columns = (timeZone: string): Column<Student>[] => [
  { header: "Student", cell: (s) => <span className="font-semibold">{s.name}</span> },
  { header: "SIS id", cell: (s) => s.sisUserId ?? "—" },
  {
    header: "Pairing code",
    className: "w-1/2",
    cell: (s) => (
      <GenerateCode
        action={generateCodeAction}
        studentId={s.id}
        forName={s.name}
        variant="secondary"
        label={
          <>
            Generate code<span className="sr-only"> for {s.name}</span>
          </>
        }
        printable
        timeZone={timeZone}
        limit={MAX_ACTIVE_CODES}
      />
    ),
  },
];

export default async function CoursePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const actor = await requireActor();
  const query = await searchParams;
  const q = searchTerm(query.q);
  const page = pageRequest({ page: query.page, per_page: PER_PAGE });
  const course = await or404(getCourseRoster(actor, idOr404((await params).id), { q, page }));
  const path = `/courses/${course.id}`;
  const timeZone = await viewerTimeZone();
  return (
    <Page
      title={`${course.name}: pairing codes`}
      back={{ href: "/courses", label: "Courses" }}
      aside={
        <Link href={`${path}/people`} className="text-blue-800 underline underline-offset-4">
          People and observers
        </Link>
      }
      compact
    >
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="mb-3 text-slate-700">
          A new code for every student: as slips to print and send home (one page each, with the registration
          address, a QR code and instructions), or as a CSV file (columns Last Name, First Name, SIS ID,
          Pairing Code, Expires At). Each student keeps at most {MAX_ACTIVE_CODES} active codes.
        </p>
        <CourseCodes
          courseId={course.id}
          csvUrl={`${path}/pairing-codes.csv`}
          limit={MAX_ACTIVE_CODES}
          action={courseSlipsAction}
          timeZone={timeZone}
        />
      </div>
      <SearchForm label="Students" id="student-q" fieldLabel="Student name, login or SIS id" q={q} />
      <PagedTable
        summary={listSummary(
          course.total,
          ["student", "students"],
          matching(q),
          "This course has no active students.",
        )}
        label="Students table"
        caption="Students, by last name"
        columns={columns(timeZone)}
        rows={course.students}
        stacked
        pages={{ label: "Students pages", page, total: course.total, href: (p) => listHref(path, { q }, p) }}
      />
    </Page>
  );
}
