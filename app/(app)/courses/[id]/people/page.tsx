import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/identity/session";
import { getCoursePeople, listCourseRequests, type PeopleStudent } from "@/lib/courses";
import { toAppError } from "@/lib/platform/errors";
import { pageRequest } from "@/lib/platform/pagination";
import type { Column } from "@/components/ui/data-table";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Page } from "@/components/ui/page";
import { PagedTable } from "@/components/ui/paged-table";
import { SearchForm } from "@/components/ui/search-form";
import { Section } from "@/components/ui/section";
import { AddObserverForm } from "@/components/courses/add-observer-form";
import { ObserverRequests } from "@/components/courses/observer-requests";
import { formatDateTime } from "@/components/format";
import { idOr404, listHref, listSummary, matching, searchTerm } from "../../../page-helpers";
import { viewerTimeZone } from "../../../time-zone";
import {
  addObserverAction,
  approveRequestAction,
  declineRequestAction,
  removeCourseLinkAction,
} from "./actions";

export const metadata: Metadata = { title: "People" };

const PER_PAGE = 20;

const SCOPE = {
  all: "All courses (linked by the school)",
  course: "This course only",
} as const;

function observersCell(courseId: number, mayLink: boolean) {
  function ObserversCell(s: PeopleStudent) {
    if (s.observers.length === 0) return <span className="text-slate-600">No observers</span>;
    return (
      <ul className="flex flex-col gap-2">
        {s.observers.map((o) => (
          <li key={o.enrollmentId} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-medium">{o.name}</span>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-800">{SCOPE[o.scope]}</span>
            {mayLink && o.scope === "course" && (
              <ConfirmAction
                action={removeCourseLinkAction}
                fields={{ course_id: courseId, enrollment_id: o.enrollmentId }}
                trigger="Remove"
                subject={`${o.name} as observer of ${s.name}`}
                title={`Stop ${o.name} observing ${s.name} here?`}
                description={`${o.name} will no longer see ${s.name} in this course. Other courses are not changed.`}
                confirm="Remove observer"
              />
            )}
          </li>
        ))}
      </ul>
    );
  }
  return ObserversCell;
}

export default async function CoursePeoplePage({
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
  const people = await getCoursePeople(actor, idOr404((await params).id), { q, page }).catch((err) => {
    // Someone outside the course, or a member who may not read its roster: the page does not exist for them.
    if (["not_found", "unauthorized"].includes(toAppError(err)?.code ?? "")) notFound();
    throw err;
  });
  const { course, mayLink, students, total } = people;
  const [requests, timeZone] = await Promise.all([
    mayLink ? listCourseRequests(actor, course.id) : [],
    viewerTimeZone(),
  ]);
  const path = `/courses/${course.id}/people`;
  const columns: Column<PeopleStudent>[] = [
    { header: "Student", cell: (s) => <span className="font-semibold">{s.name}</span> },
    { header: "Observers", className: "w-2/3", cell: observersCell(course.id, mayLink) },
  ];
  return (
    <Page
      title={`${course.name}: people`}
      back={{ href: "/courses", label: "Courses" }}
      lead="Who observes each student here: through the school, in all of the student's courses, or in this course only."
    >
      {mayLink && (
        <Section
          id="requests"
          title="Requests to observe"
          description="Observers who see a student in another course and ask to see them in this one too."
        >
          <ObserverRequests
            requests={requests.map((r) => ({ ...r, asked: formatDateTime(r.createdAt, timeZone) }))}
            courseId={course.id}
            approve={approveRequestAction}
            decline={declineRequestAction}
          />
        </Section>
      )}
      {mayLink ? (
        <Section
          id="add"
          title="Add an observer"
          description="They will see the chosen students in this course only. Each student is told."
        >
          <AddObserverForm
            courseId={course.id}
            students={people.choices}
            more={people.moreChoices}
            action={addObserverAction}
          />
        </Section>
      ) : (
        <p className="text-slate-700">
          Your school lets admins, not teachers, add observers to a course. Ask an admin to add one.
        </p>
      )}
      <SearchForm label="Students" id="people-q" fieldLabel="Student name, login or SIS id" q={q} />
      <PagedTable
        summary={listSummary(total, ["student", "students"], matching(q), "This course has no students yet.")}
        label="Students and observers table"
        caption="Students and who observes them, by last name"
        columns={columns}
        rows={students}
        stacked
        pages={{ label: "Students pages", page, total, href: (p) => listHref(path, { q }, p) }}
      />
    </Page>
  );
}
