import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/session";
import { listCodeCourses } from "@/lib/admin/courses";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Courses" };

export default async function CoursesPage() {
  const actor = await requireActor();
  const courses = await listCodeCourses(actor);
  return (
    <Page
      title="Courses"
      compact
      lead="Make pairing codes for the students of a course, one at a time or all at once as a CSV file."
    >
      {courses.length === 0 ? (
        <p className="text-slate-700">
          There are no courses where you may make pairing codes. Your school&apos;s admin decides whether
          teachers may.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          aria-label="Courses"
        >
          {courses.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Link
                href={`/courses/${c.id}`}
                className="font-semibold text-blue-800 underline underline-offset-4"
              >
                {c.name}
              </Link>
              <span className="text-sm text-slate-700">
                {c.courseCode} · {c.account} · {c.students} {c.students === 1 ? "student" : "students"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
