import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/identity/session";
import { listCodeCourses, type CodeCourse } from "@/lib/admin/courses";
import { getTeachingSummary } from "@/lib/courses/teaching";
import { pageRequest } from "@/lib/platform/pagination";
import type { Column } from "@/components/ui/data-table";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { SearchForm } from "@/components/ui/search-form";
import { listHref, listSummary, matching, searchTerm } from "../page-helpers";
import { TeachingLanding } from "./teaching-landing";

export const metadata: Metadata = { title: "Courses" };

const PER_PAGE = 25;

const COLUMNS: Column<CodeCourse>[] = [
  {
    header: "Course",
    cell: (c) => (
      <Link href={`/courses/${c.id}`} className="font-semibold text-blue-800 underline underline-offset-4">
        {c.name}
      </Link>
    ),
  },
  { header: "Course code", cell: (c) => c.courseCode },
  { header: "Account", cell: (c) => c.account },
  { header: "Students", cell: (c) => c.students },
  {
    header: "Observers",
    cell: (c) => (
      <Link href={`/courses/${c.id}/people`} className="text-blue-800 underline underline-offset-4">
        People<span className="sr-only"> of {c.name}</span>
      </Link>
    ),
  },
];

export default async function CoursesPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const actor = await requireActor();
  const params = await searchParams;
  const q = searchTerm(params.q);
  const page = pageRequest({ page: params.page, per_page: PER_PAGE });
  const { items, total } = await listCodeCourses(actor, { q, page });
  if (total === 0 && !q) return <TeachingLanding summary={await getTeachingSummary(actor)} />;
  return (
    <Page
      title="Courses"
      compact
      lead="Make pairing codes for the students of a course, one at a time or all at once as a CSV file."
    >
      <SearchForm label="Courses" id="course-q" fieldLabel="Course name or code" q={q} />
      <PagedTable
        summary={listSummary(total, ["course", "courses"], matching(q), "No courses.")}
        label="Courses table"
        caption="Courses where you may make pairing codes"
        columns={COLUMNS}
        rows={items}
        stacked
        pages={{ label: "Courses pages", page, total, href: (p) => listHref("/courses", { q }, p) }}
      />
    </Page>
  );
}
