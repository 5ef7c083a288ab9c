import type { Metadata } from "next";
import { requireActor } from "@/lib/session";
import { idOr404, listHref, listSummary, matching, or404, searchTerm } from "../../page-helpers";
import { getCourseRoster } from "@/lib/admin/courses";
import { pageRequest } from "@/lib/pagination";
import { MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { GenerateCode } from "@/components/pairing/generate-code";
import type { Column } from "@/components/ui/data-table";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { SearchForm } from "@/components/ui/search-form";
import { generateCodeAction } from "../../code-actions";

export const metadata: Metadata = { title: "Course pairing codes" };

const PER_PAGE = 20;

type Student = { id: number; name: string; sisUserId: string | null };

const COLUMNS: Column<Student>[] = [
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
  return (
    <Page title={`${course.name}: pairing codes`} back={{ href: "/courses", label: "Courses" }} compact>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-slate-700">
          The CSV file has a new code for every student (columns Last Name, First Name, SIS ID, Pairing Code,
          Expires At). Each student keeps at most {MAX_ACTIVE_CODES} active codes: downloading again revokes
          the oldest ones.
        </p>
        <form method="post" action={`${path}/pairing-codes.csv`}>
          <button
            type="submit"
            className="mt-3 inline-block rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
          >
            Download all students&apos; pairing codes (CSV)
          </button>
        </form>
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
        columns={COLUMNS}
        rows={course.students}
        stacked
        pages={{ label: "Students pages", page, total: course.total, href: (p) => listHref(path, { q }, p) }}
      />
    </Page>
  );
}
