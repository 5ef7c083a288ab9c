import Link from "next/link";
import type { TeachingSummary } from "@/lib/courses/teaching";
import { Page } from "@/components/ui/page";
import { Section } from "@/components/ui/section";

const LINK = "text-blue-800 underline underline-offset-4";

/**
 * /courses for someone with no course to make codes in. A teacher whose school keeps code-making
 * for admins still learns how families get connected and whom to ask, instead of a dead end.
 */
export function TeachingLanding({ summary }: { summary: TeachingSummary }) {
  if (summary.courses.length === 0)
    return (
      <Page title="Courses" compact>
        <p className="text-slate-700">
          There are no courses where you may make pairing codes. Your school&apos;s admin decides whether
          teachers may. Parents and guardians can still be connected with a code the student makes under{" "}
          <Link href="/settings" className={LINK}>
            Settings
          </Link>
          .
        </p>
      </Page>
    );
  return (
    <Page
      title="Your courses"
      lead="Your school has not turned on pairing codes for teachers, so you cannot make codes here. This is how families get connected instead."
    >
      <Section id="taught" title="Courses you teach">
        <ul className="divide-y divide-slate-200" aria-label="Courses you teach">
          {summary.courses.map((c) => (
            <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
              <Link href={`/courses/${c.id}/people`} className={`font-semibold ${LINK}`}>
                {c.name}
                <span className="sr-only">: people</span>
              </Link>
              <span className="text-sm text-slate-700">
                {c.courseCode} · {c.school} · {c.students} {c.students === 1 ? "student" : "students"}
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="how" title="How a parent or guardian gets connected">
        <ol className="list-decimal space-y-2 pl-5 text-slate-800">
          <li>
            The student signs in and opens <strong>Settings → Pair with Observer</strong>. It shows an
            8-character code and a QR code.
          </li>
          <li>
            The parent or guardian enters the code on their <strong>Observing</strong> page, or scans the QR
            code to create an account with the code filled in.
          </li>
          <li>A code works once and expires after a few days; the student can make a new one at any time.</li>
        </ol>
      </Section>
      <Section id="ask" title="Who can make codes for your students">
        {summary.schools.map((school) => (
          <div key={school.id} className="flex flex-col gap-1">
            <h3 className="font-semibold">Admins of {school.name}</h3>
            {school.admins.length === 0 ? (
              <p className="text-slate-700">This school has no admin listed. Ask your school office.</p>
            ) : (
              <ul className="list-disc pl-5" aria-label={`Admins of ${school.name}`}>
                {school.admins.map((a, i) => (
                  <li key={i}>
                    {a.name}
                    {a.email && (
                      <>
                        {" — "}
                        <a href={`mailto:${a.email}`} className={LINK}>
                          {a.email}
                        </a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
        <p className="mt-3 text-slate-700">
          They can print codes for a whole course, or let teachers make them (Account settings → “Teachers may
          generate pairing codes for their students”).
        </p>
      </Section>
    </Page>
  );
}
